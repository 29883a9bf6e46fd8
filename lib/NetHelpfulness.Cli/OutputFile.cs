using System.Security.Cryptography;

namespace NetHelpfulness.Cli;

/// <summary>
/// A file a command writes (<c>--out FILE</c>): checked before any work is done, then written to a temporary file beside it
/// and moved into place, so that a failure leaves nothing behind and no reader sees half a file.
/// </summary>
internal static class OutputFile
{
    /// <summary>Refuses a folder, a missing folder, or an existing file without --force (it may be someone's input).</summary>
    public static string CheckTarget(string path, bool force)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"--out '{path}' is not a valid file name ({e.Message})");
        }

        if (Directory.Exists(full) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new UsageException($"--out '{path}' is a folder; give a file name");
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new UsageException($"--out '{path}': the folder '{folder}' does not exist");
        }

        if (File.Exists(full) && !force)
        {
            throw new UsageException($"--out '{path}' exists; it is left as it is (pass --force to replace it)");
        }

        return full;
    }

    /// <summary>Writes to a temporary file in the target's folder, then moves it over the target, so no reader sees half a file.</summary>
    public static string WriteAtomically(string target, Action<Stream> write, bool force)
    {
        var folder = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            string hash;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
                stream.Position = 0;
                hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            File.Move(temporary, target, overwrite: force);
            return hash;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NetHelpfulnessException($"{target}: cannot write the file ({e.Message})");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
