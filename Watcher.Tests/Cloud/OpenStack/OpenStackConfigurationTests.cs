using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud;
using Watcher.Modules.Datasources;

namespace Watcher.Tests.Cloud.OpenStack;

public sealed class OpenStackConfigurationTests
{
    [Fact]
    public void OpenStackBackend_WithoutCredentials_StopsStartUpListingEveryProblem()
    {
        using var provider = OpenStackTestHost.Build(null, null,
            ("Watcher:ClientsAuth:AuthUrl", ""), ("Watcher:ClientsAuth:Password", ""), ("Watcher:Nova:ApiVersion", "2.1"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CloudOptions>>().Value);

        Assert.Equal("Watcher:Cloud:Backend is 'openstack' but: " +
            "Watcher:ClientsAuth:AuthUrl must be the Keystone URL (e.g. http://keystone:5000/v3); " +
            "Watcher:ClientsAuth:Password is required for password authentication; " +
            "Watcher:Nova:ApiVersion 2.1 is below the minimum 2.56", error.Message);
    }

    [Fact]
    public void ApplicationCredentials_NeedNoUserOrProject()
    {
        using var provider = OpenStackTestHost.Build(null, null,
            ("Watcher:ClientsAuth:Username", null), ("Watcher:ClientsAuth:Password", null), ("Watcher:ClientsAuth:ProjectName", null),
            ("Watcher:ClientsAuth:ApplicationCredentialId", "id"), ("Watcher:ClientsAuth:ApplicationCredentialSecret", "secret"));

        Assert.True(provider.GetRequiredService<IOptions<CloudOptions>>().Value.IsOpenStack);
    }

    [Fact]
    public void TheSimulatorBackend_DoesNotCareAboutOpenStackSections()
    {
        using var provider = OpenStackTestHost.Build(null, null, ("Watcher:Cloud:Backend", "simulator"), ("Watcher:ClientsAuth:AuthUrl", ""));

        Assert.False(provider.GetRequiredService<IOptions<CloudOptions>>().Value.IsOpenStack);
    }

    [Fact]
    public void WithOpenStack_TheDefaultDatasourceIsGnocchi_AndTheSimulatorsIsRefused()
    {
        using var defaults = OpenStackTestHost.Build(null, null);
        Assert.Equal(["gnocchi"], defaults.GetRequiredService<IOptions<DatasourcesOptions>>().Value.Effective);

        using var simulator = OpenStackTestHost.Build(null, null, ("Watcher:Datasources:Datasources:0", "simulator"));
        var error = Assert.Throws<OptionsValidationException>(() => simulator.GetRequiredService<IOptions<DatasourcesOptions>>().Value);
        Assert.Equal("Watcher:Datasources:Datasources: 'simulator' reads the embedded simulated cloud and cannot be used with " +
            "Watcher:Cloud:Backend=openstack; use gnocchi or prometheus", error.Message);
    }

    [Fact]
    public void Prometheus_NeedsItsHost()
    {
        using var provider = OpenStackTestHost.Build(null, null, ("Watcher:Datasources:Datasources:0", "prometheus"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DatasourcesOptions>>().Value);

        Assert.Equal("Watcher:Datasources:Datasources: 'prometheus' needs Watcher:Prometheus:Host (and Port, default 9090)", error.Message);
    }
}
