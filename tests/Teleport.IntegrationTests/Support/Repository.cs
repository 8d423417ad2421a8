namespace Teleport.IntegrationTests.Support;

/// <summary>The checkout the tests run from, and the executables ./build.sh published to its bin/.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Bin(string name)
    {
        string path = Path.Combine(Root, "bin", name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist: run ./build.sh (./test.sh does) before the integration tests", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Teleport.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("cannot find the repository root (Teleport.slnx) above " + AppContext.BaseDirectory);
    }
}
