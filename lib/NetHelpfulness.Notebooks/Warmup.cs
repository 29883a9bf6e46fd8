
namespace NetHelpfulness.Notebooks;

/// <summary>
/// Draws a small throwaway chart in the background so that loading and compiling Plotly.NET, FSharp.Core and the JSON
/// writer does not fall on the notebook's first figure. Figures wait for it rather than draw beside it.
/// </summary>
internal static class Warmup
{
    private static readonly Lock Gate = new();
    private static Task? _task;

    public static void Start(FiguresRuntime runtime)
    {
        lock (Gate)
        {
            _task ??= Task.Run(() => FiguresRuntime.Read(FiguresRuntime.Call(runtime.StudyFigures, "TrustSignals",
                FiguresRuntime.ListOf(runtime.RatioRow, [FiguresRuntime.New(runtime.RatioRow, "warm-up", 2.0, 1.5, 2.5, 2.0)]))!));
        }
    }

    /// <summary>Waits for a warm-up in progress. Its failure is not the caller's: the figure then reports its own error.</summary>
    public static void Wait()
    {
        Task? task;
        lock (Gate)
        {
            task = _task;
        }

        if (task is not null)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
            }
        }
    }
}
