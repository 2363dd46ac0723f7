using Microsoft.Playwright;

namespace Watcher.Tests.Dashboard;

/// <summary>
/// Debian's chromium (/usr/bin/chromium, installed by test.sh) driven by Playwright through its executable path —
/// browser downloads are impossible here — with a fresh profile per session and the flags this closed network needs.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Browser(IPlaywright playwright, IBrowserContext context, IPage page, string profile)
    {
        _playwright = playwright;
        Context = context;
        Page = page;
        _profile = profile;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public static async Task<Browser> OpenAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install chromium); ./test.sh does");
        var playwright = await Playwright.CreateAsync();
        var profile = Path.Combine(Path.GetTempPath(), $"watcher-ui-profile-{Guid.NewGuid():N}");
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = Flags,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Timeout = 60_000,
        });
        context.SetDefaultTimeout(30_000);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new Browser(playwright, context, page, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Browser tests run one at a time: each starts a chromium and a service on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
