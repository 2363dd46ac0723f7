namespace Watcher.Modules.Shared.Errors;

/// <summary>
/// Base of every error that reaches the API surface. The status code travels with the error so one
/// exception handler can write Watcher's envelope; the message is the upstream faultstring.
/// </summary>
public abstract class WatcherException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>"Client" for 4xx, "Server" otherwise, as in upstream's envelope.</summary>
    public string FaultCode => StatusCode < 500 ? "Client" : "Server";
}

/// <summary>400: input that upstream calls Invalid (bad parameters, illegal patch, wrong state for start/delete).</summary>
public class InvalidRequestException(string message) : WatcherException(400, message);

/// <summary>404: unknown resource.</summary>
public class NotFoundException(string message) : WatcherException(404, message);

/// <summary>409: uniqueness conflicts and the conflicts upstream reports with 409.</summary>
public class ConflictException(string message) : WatcherException(409, message);

/// <summary>406: microversion not acceptable, or a feature requested below its microversion.</summary>
public class NotAcceptableException(string message = "Request not acceptable.") : WatcherException(406, message);

/// <summary>501: a path that exists in upstream but is not built here yet. Never a silent no-op.</summary>
public class NotImplementedYetException(string message) : WatcherException(501, message);

/// <summary>
/// An illegal state change requested on a domain object. The API maps it to upstream's code for that route
/// (400 for audit/plan PATCH, 409 for action skip); internal callers treat it as a bug or a lost race.
/// </summary>
public sealed class StateTransitionException(string from, string to)
    : ConflictException($"State transition not allowed: ({from} -> {to})")
{
    public string From { get; } = from;
    public string To { get; } = to;
}
