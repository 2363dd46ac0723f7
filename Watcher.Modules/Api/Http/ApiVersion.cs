namespace Watcher.Modules.Api.Http;

/// <summary>An infra-optim microversion (reference §2.3). Served range: 1.0 to 1.7.</summary>
public readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    public static readonly ApiVersion Min = new(1, 0);
    public static readonly ApiVersion Max = new(1, 7);

    public static readonly ApiVersion StartEndTime = new(1, 1);
    public static readonly ApiVersion Force = new(1, 2);
    public static readonly ApiVersion DataModel = new(1, 3);
    public static readonly ApiVersion Webhooks = new(1, 4);
    public static readonly ApiVersion SkipActions = new(1, 5);
    public static readonly ApiVersion ExtendedAttributes = new(1, 6);
    public static readonly ApiVersion DefaultParameters = new(1, 7);

    public bool AtLeast(ApiVersion other) => CompareTo(other) >= 0;

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public override string ToString() => $"{Major}.{Minor}";
}
