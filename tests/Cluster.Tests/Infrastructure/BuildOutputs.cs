using System.Reflection;

namespace SecureAccess.Cluster.Tests.Infrastructure;

/// Where the silo and gateway binaries of this build are: `src/<Project>/bin/<Configuration>/<tfm>/`
/// next to this test assembly's own `tests/Cluster.Tests/bin/<Configuration>/<tfm>/`.
public static class BuildOutputs
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string Configuration { get; } =
        typeof(BuildOutputs).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string TargetFramework { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    public static string SiloDll => Binary("Silo");
    public static string GatewayDll => Binary("Gateway");

    private static string Binary(string project)
    {
        var path = Path.Combine(Root.Value, "src", project, "bin", Configuration, TargetFramework, $"SecureAccess.{project}.dll");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} does not exist: build the solution (dotnet build SecureAccess.sln -c {Configuration}) first.");
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SecureAccess.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No SecureAccess.sln above {AppContext.BaseDirectory}.");
    }
}
