using NetHelpfulness.Randomness;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>
/// A test of the bootstrap's AVX-512 path (<see cref="Xoshiro256StarStarLanes"/>); skipped, with the reason, on a machine
/// without AVX-512, where the engine never takes that path.
/// </summary>
public sealed class VectorLanesFactAttribute : FactAttribute
{
    public VectorLanesFactAttribute() => Skip = SkipReason;

    /// <summary>Why a test of the vector lanes cannot run here, or null when it can.</summary>
    internal static string? SkipReason => Xoshiro256StarStarLanes.IsSupported
        ? null
        : "this machine has no AVX-512, so the bootstrap draws and sums without vector lanes (the portable path the other tests cover)";
}

/// <summary>A <see cref="VectorLanesFactAttribute"/> with data.</summary>
public sealed class VectorLanesTheoryAttribute : TheoryAttribute
{
    public VectorLanesTheoryAttribute() => Skip = VectorLanesFactAttribute.SkipReason;
}
