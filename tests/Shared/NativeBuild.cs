using System.Runtime.InteropServices;

namespace NetHelpfulness.TestSupport;

/// <summary>
/// The native build of nethelp (issue 17, docs/native-build.md) as the documentation makes it:
/// <c>dotnet publish lib/NetHelpfulness.Cli -c Release -r RID -p:PublishAot=true -o artifacts/native</c>, once per change of
/// the sources, for the tests that compare it with the JIT-compiled program.
/// </summary>
/// <remarks>
/// It is published from a copy of the sources (<c>artifacts/native-build/</c>), so its RID-specific restore and
/// intermediate files never meet the repository's own <c>obj/</c> folders, which <c>dotnet pack</c> (also RID-specific,
/// for ReadyToRun) and the test build use at the same time.
/// </remarks>
internal static class NativeBuild
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);
    private static readonly Lazy<string> Published = new(PublishOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder the program is published into, <c>artifacts/native/</c>.</summary>
    public static string Folder => Path.Combine(LocalFeed.Root, "artifacts", "native");

    /// <summary>The native program, published first unless it already is from the current sources.</summary>
    public static string EnsurePublished() => Published.Value;

    private static string PublishOnce()
    {
        var program = Path.Combine(Folder, "nethelp");
        var source = Path.Combine(LocalFeed.Root, "artifacts", "native-build");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        using var gate = LocalFeed.AcquireLock(Path.Combine(LocalFeed.Root, "artifacts", "native.lock"));
        var fingerprint = LocalFeed.Fingerprint();
        var stamp = Path.Combine(Folder, "published-from.sha256");
        if (File.Exists(stamp) && File.ReadAllText(stamp).Trim() == fingerprint && File.Exists(program))
        {
            return program;
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        CopySources(source);
        var publish = LocalFeed.Dotnet(source, "publish", Path.Combine("lib", "NetHelpfulness.Cli"), "-c", "Release",
            "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", Folder, "-nologo", "--disable-build-servers");
        // The third-party packages (and the ILCompiler) come from wherever NuGet keeps them, as for any build.
        publish.Environment.Remove("NUGET_PACKAGES");
        var (code, stdout, stderr, _) = LocalFeed.Run(publish, PublishTimeout);
        if (code != 0 || !File.Exists(program))
        {
            throw new InvalidOperationException($"dotnet publish -p:PublishAot=true failed ({code}):\n{stdout}\n{stderr}");
        }

        File.WriteAllText(stamp, fingerprint + "\n");
        return program;
    }

    /// <summary>The build's inputs (<see cref="LocalFeed.BuildInputs"/>, the files the fingerprint covers) into a fresh folder.</summary>
    private static void CopySources(string destination)
    {
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        foreach (var file in LocalFeed.BuildInputs())
        {
            var target = Path.Combine(destination, Path.GetRelativePath(LocalFeed.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
