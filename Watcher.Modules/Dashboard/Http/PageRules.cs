namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// The policy rules a dashboard page needs: those of the API calls it stands for (a list page is the API's get_all,
/// a form post its create/update/delete/start), so a caller sees in the dashboard exactly what the API lets them do.
/// Keyed by method and route under /ui; a page missing here is refused (a test checks every page has its rules).
/// </summary>
public static class PageRules
{
    private static readonly Dictionary<string, string[]> Rules = new(StringComparer.Ordinal)
    {
        ["GET "] = ["audit:get_all", "action_plan:get_all", "service:get_all", "data_model:get_all"],
        ["GET goals"] = ["goal:get_all"],
        ["GET goals/{goal}"] = ["goal:get"],
        ["GET strategies"] = ["strategy:get_all"],
        ["GET strategies/{strategy}"] = ["strategy:get"],
        ["GET audit_templates"] = ["audit_template:get_all"],
        ["GET audit_templates/new"] = ["audit_template:create"],
        ["POST audit_templates"] = ["audit_template:create"],
        ["GET audit_templates/{template}"] = ["audit_template:get"],
        ["POST audit_templates/{template}/delete"] = ["audit_template:delete"],
        ["GET audits"] = ["audit:get_all"],
        ["GET audits/new"] = ["audit:create"],
        ["POST audits"] = ["audit:create"],
        ["GET audits/{audit}"] = ["audit:get"],
        ["POST audits/{audit}/{move:regex(^(cancel|suspend|resume)$)}"] = ["audit:update"],
        ["POST audits/{audit}/delete"] = ["audit:delete"],
        ["GET action_plans"] = ["action_plan:get_all"],
        ["GET action_plans/{plan}"] = ["action_plan:get"],
        ["POST action_plans/{plan}/start"] = ["action_plan:start"],
        ["POST action_plans/{plan}/cancel"] = ["action_plan:update"],
        ["POST action_plans/{plan}/delete"] = ["action_plan:delete"],
        ["POST action_plans/{plan}/actions/{action}/skip"] = ["action:update"],
        ["GET action_plans/{plan}/what-if"] = ["action_plan:get"],
    };

    /// <summary>The rules for a route pattern such as <c>/ui/audits/{audit}</c>; null when the page has none listed.</summary>
    public static IReadOnlyList<string>? For(string method, string? routePattern)
    {
        if (routePattern is null) return null;
        var relative = routePattern.Trim('/');
        var root = DashboardModule.Root.Trim('/');
        if (relative == root) relative = "";
        else if (relative.StartsWith(root + "/", StringComparison.Ordinal)) relative = relative[(root.Length + 1)..];
        return Rules.GetValueOrDefault($"{method} {relative}");
    }
}
