using SecureAccess.Testing;

namespace SecureAccess.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
