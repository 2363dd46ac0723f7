namespace Watcher.Modules.Cloud;

/// <summary>
/// A cloud service could not be reached or kept failing (connection refused, timeout, 5xx) after the bounded
/// retries. Distinct from a refusal (<see cref="CloudException"/> proper): callers that turn a refusal into
/// "the action did not succeed" let this one surface, so the operator reads which service is down.
/// </summary>
public sealed class CloudUnavailableException(string message, Exception? inner = null) : CloudException(message, inner);

/// <summary>The cloud answered 404 for the thing asked about.</summary>
public sealed class CloudNotFoundException(string message) : CloudException(message);
