using Watcher.Host;
using Watcher.Modules;

// Offline verbs (no server, no database) come first: `Watcher.Host plan --scenario FILE --strategy S`.
if (args.Length > 0 && args[0] == "plan")
    return PlanCommand.Run(args[1..]);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json sits next to the binary (linked from the repository root), whatever the working directory.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddWatcher(builder.Configuration);

var app = builder.Build();
app.UseWatcher();
app.Run();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
