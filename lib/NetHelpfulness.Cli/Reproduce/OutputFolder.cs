namespace NetHelpfulness.Cli.Reproduce;

/// <summary>
/// The output folder, built in a temporary sibling and moved into place at the end, so that a failed run leaves the
/// previous artifacts as they were. Refuses folders that hold inputs or anything that is not a previous reproduction.
/// </summary>
internal sealed class OutputFolder
{
    public const string Marker = "manifest.json";

    private OutputFolder(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>Where the artifacts end up.</summary>
    public string Target { get; }

    /// <summary>Where they are built.</summary>
    public string Staging { get; }

    /// <summary>Checks <paramref name="output"/> against the inputs and creates the staging folder beside it.</summary>
    /// <exception cref="UsageException">The folder is unsafe to replace.</exception>
    public static OutputFolder Prepare(string output, string dataDirectory, IEnumerable<string> inputFiles)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        var data = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        if (Same(target, data) || Inside(target, data))
        {
            throw new UsageException($"--out {output} lies in the data folder {dataDirectory}; write the artifacts elsewhere (default: artifacts/reproduce)");
        }

        if (Inside(data, target))
        {
            throw new UsageException($"--out {output} contains the data folder {dataDirectory}; replacing it would delete the data");
        }

        foreach (var input in inputFiles.Select(Path.GetFullPath))
        {
            if (Same(input, target) || Inside(input, target))
            {
                throw new UsageException($"--out {output} is or contains the input {input}");
            }
        }

        if (File.Exists(target))
        {
            throw new UsageException($"--out {output} is a file; name a folder");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, Marker)))
        {
            throw new UsageException($"--out {output} exists and is not the output of an earlier 'nethelp reproduce' (it has no {Marker}); it would be replaced, so name a new or empty folder");
        }

        var parent = Path.GetDirectoryName(target) ?? throw new UsageException($"--out {output} cannot be the root of the file system");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.building-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new OutputFolder(target, staging);
    }

    /// <summary>Replaces the target with the staging folder.</summary>
    public void Commit()
    {
        string? previous = null;
        if (Directory.Exists(Target))
        {
            previous = Path.Combine(Path.GetDirectoryName(Target)!, $".{Path.GetFileName(Target)}.previous-{Guid.NewGuid():N}");
            Directory.Move(Target, previous);
        }

        try
        {
            Directory.Move(Staging, Target);
        }
        catch
        {
            if (previous is not null)
            {
                Directory.Move(previous, Target);
            }

            throw;
        }

        if (previous is not null)
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    /// <summary>Removes the staging folder after a failure; the target is untouched.</summary>
    public void Discard()
    {
        if (Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    private static bool Inside(string path, string folder) =>
        path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
