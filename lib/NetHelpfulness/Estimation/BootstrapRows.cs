using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetHelpfulness.Data;
using NetHelpfulness.Randomness;

namespace NetHelpfulness.Estimation;

/// <summary>
/// The bootstrap engine's data: every PSU reduced to rows of weighted sums, one row per (PSU, group) present (a
/// "segment"): the numerators Σ w y of the group's columns, then the denominators Σ w, padded to whole vectors.
/// </summary>
/// <remarks>
/// <para>PSUs are renumbered stratum by stratum, so a draw within stratum h is its first PSU plus a uniform offset.
/// Rows are stored segment by segment, each padded to whole cache lines of <see cref="RowLanes"/> doubles and aligned to
/// one, so that a pass over the segments reads memory in order and a row is a few whole 512-bit vectors.</para>
/// <para>Where the machine has AVX-512 (<see cref="Xoshiro256StarStarLanes.IsSupported"/>) a batch's eight replicates draw
/// their PSUs together, one replicate per vector lane, and their sums keep all of a row's columns in registers; elsewhere
/// they draw one after the other and sum one vector chunk at a time. Both make the same draws and the same additions
/// in the same order (m_p × row_p, then added, lane by lane, segment after segment), so their replicates are identical
/// to the last bit.</para>
/// <para>On a calibrated design the sums are of the starting weights d, kept apart by calibration cell (the stored groups
/// are the caller's groups × the cells), with one more column whose denominator is the cell's Σ m d. A replicate's
/// weights are m d (multiplicity × starting weight) calibrated to the margins: every respondent of a cell gets the same
/// factor g_c, so the replicate's cell totals are calibrated (<see cref="Calibration.DesignCalibration.TryFactors"/>) and
/// each column is Σ_c g_c Σ m d y / Σ_c g_c Σ m d.</para>
/// </remarks>
internal sealed class BootstrapRows
{
    /// <summary>Replicates evaluated together: each row is read once per batch, and each batch keeps one accumulator per replicate in registers.</summary>
    public const int Batch = 8;

    private readonly int _width;                 // columns stored per group: the caller's, and the cell totals' when calibrated
    private readonly int _valueWidth;            // the caller's columns
    private readonly int _stride;
    private readonly int _groupCount;            // stored groups: the caller's, × the cells when calibrated
    private readonly int _valueGroups;           // the caller's groups
    private readonly Calibration.DesignCalibration? _calibration;
    private readonly int _segmentCount;
    private readonly double[] _rows;             // [segment][element], from _rowStart (pinned, cache-line aligned)
    private readonly int _rowStart;
    private readonly int[] _segmentPsu;          // segment → PSU (stratum order)
    private readonly int[] _segmentGroup;        // segment → group
    private readonly int[] _groupStart;          // group → first segment (segments sorted by group, then PSU)
    private readonly int[] _groupStratumStart;   // (group, stratum) → first segment of the group in the stratum (strata + 1 per group)
    private readonly int[] _psuSegmentStart;     // PSU → first entry of _psuSegments
    private readonly int[] _psuSegments;
    private readonly int[] _stratumStart;        // stratum → first PSU (stratum order)
    private readonly int[] _designPsu;           // PSU (stratum order) → the design's PSU index
    private readonly int _largestStratum;
    private readonly bool _lanes;                // draw and sum with 512-bit vectors

    private BootstrapRows(int width, int valueWidth, int stride, int groupCount, int valueGroups, Calibration.DesignCalibration? calibration, double[] rows, int rowStart, bool lanes,
        int[] segmentPsu, int[] segmentGroup, int[] groupStart, int[] psuSegmentStart, int[] psuSegments, int[] stratumStart, int[] designPsu)
    {
        _width = width;
        _valueWidth = valueWidth;
        _stride = stride;
        _groupCount = groupCount;
        _valueGroups = valueGroups;
        _calibration = calibration;
        _segmentCount = segmentPsu.Length;
        _rows = rows;
        _rowStart = rowStart;
        _lanes = lanes;
        _segmentPsu = segmentPsu;
        _segmentGroup = segmentGroup;
        _groupStart = groupStart;
        _psuSegmentStart = psuSegmentStart;
        _psuSegments = psuSegments;
        _stratumStart = stratumStart;
        _designPsu = designPsu;
        for (var h = 0; h + 1 < stratumStart.Length; h++)
        {
            _largestStratum = Math.Max(_largestStratum, stratumStart[h + 1] - stratumStart[h]);
        }

        // A group's segments are in PSU order, and PSUs in stratum order: each stratum's are a run.
        _groupStratumStart = new int[groupCount * stratumStart.Length];
        for (var g = 0; g < groupCount; g++)
        {
            var s = groupStart[g];
            for (var h = 0; h < stratumStart.Length; h++)
            {
                while (s < groupStart[g + 1] && segmentPsu[s] < stratumStart[h])
                {
                    s++;
                }

                _groupStratumStart[(g * stratumStart.Length) + h] = s;
            }
        }
    }

    public int PsuCount => _designPsu.Length;

    /// <summary>The estimates' columns: the caller's groups × columns.</summary>
    public int Columns => _valueGroups * _valueWidth;

    private int AccumulatorLength => _groupCount * _stride;

    private int CellCount => _calibration?.CellCount ?? 1;

    /// <summary>Doubles in a 64-byte cache line: rows are padded to, and aligned on, whole lines (a 512-bit vector each).</summary>
    internal const int RowLanes = 8;

    /// <summary>Builds the rows; <paramref name="vectorLanes"/> false keeps to the portable engine even where AVX-512 is present (to test one against the other).</summary>
    public static BootstrapRows Build(ReadOnlySpan<sbyte> values, int valueWidth, ReadOnlySpan<int> valueGroupOf, int valueGroups, SurveyDesign design, bool vectorLanes = true)
    {
        var n = design.RespondentCount;
        var psuCount = design.PsuCount;
        var calibration = design.Calibration;
        var cells = calibration?.CellCount ?? 1;
        var width = valueWidth + (calibration is null ? 0 : 1);
        var groupCount = valueGroups * cells;
        var stride = ((2 * width) + RowLanes - 1) / RowLanes * RowLanes;
        var psuOf = design.PsuOf;
        var stratumOf = design.StratumOf;
        var weights = calibration is null ? design.Weights : calibration.StartingWeights;
        var cellOf = calibration is null ? default : calibration.CellOf;
        var groupOf = new int[valueGroupOf.IsEmpty && calibration is null ? 0 : n];
        for (var i = 0; i < groupOf.Length; i++)
        {
            groupOf[i] = ((valueGroupOf.IsEmpty ? 0 : valueGroupOf[i]) * cells) + (calibration is null ? 0 : cellOf[i]);
        }

        // PSUs in stratum order.
        var psuStratum = new int[psuCount];
        for (var i = 0; i < n; i++)
        {
            psuStratum[psuOf[i]] = stratumOf[i];
        }

        var stratumStart = CountingStarts(psuStratum, design.StratumCount);
        var fill = stratumStart[..^1];
        var designPsu = new int[psuCount];
        var internalPsu = new int[psuCount];
        for (var p = 0; p < psuCount; p++)
        {
            var q = fill[psuStratum[p]]++;
            designPsu[q] = p;
            internalPsu[p] = q;
        }

        // One segment per (group, PSU) present, ordered by group, then PSU.
        var segmentOfKey = new Dictionary<long, int>();
        var keys = new List<long>();
        for (var i = 0; i < n; i++)
        {
            var key = ((long)(groupOf.Length == 0 ? 0 : groupOf[i]) * psuCount) + internalPsu[psuOf[i]];
            if (segmentOfKey.TryAdd(key, keys.Count))
            {
                keys.Add(key);
            }
        }

        var sortedKeys = keys.ToArray();
        Array.Sort(sortedKeys);
        var segments = sortedKeys.Length;
        var segmentPsu = new int[segments];
        var segmentGroup = new int[segments];
        for (var s = 0; s < segments; s++)
        {
            segmentOfKey[sortedKeys[s]] = s;
            segmentGroup[s] = (int)(sortedKeys[s] / psuCount);
            segmentPsu[s] = (int)(sortedKeys[s] % psuCount);
        }

        var groupStart = CountingStarts(segmentGroup, groupCount);
        var psuSegmentStart = CountingStarts(segmentPsu, psuCount);
        var next = psuSegmentStart[..^1];
        var psuSegments = new int[segments];
        for (var s = 0; s < segments; s++)
        {
            psuSegments[next[segmentPsu[s]]++] = s;
        }

        var rows = GC.AllocateArray<double>((stride * segments) + RowLanes, pinned: true);
        var rowStart = AlignedStart(rows);
        for (var i = 0; i < n; i++)
        {
            var key = ((long)(groupOf.Length == 0 ? 0 : groupOf[i]) * psuCount) + internalPsu[psuOf[i]];
            var s = segmentOfKey[key];
            var w = weights[i];
            for (var j = 0; j < valueWidth; j++)
            {
                var v = values[(i * valueWidth) + j];
                if (v != SurveyResponses.Missing)
                {
                    rows[rowStart + (s * stride) + j] += w * v;
                    rows[rowStart + (s * stride) + width + j] += w;
                }
            }

            if (calibration is not null)
            {
                rows[rowStart + (s * stride) + width + valueWidth] += w; // the cell's total of starting weights
            }
        }

        return new BootstrapRows(width, valueWidth, stride, groupCount, valueGroups, calibration, rows, rowStart, vectorLanes && Xoshiro256StarStarLanes.IsSupported, segmentPsu, segmentGroup, groupStart, psuSegmentStart, psuSegments, stratumStart, designPsu);
    }

    public BatchBuffers CreateBuffers() => new(PsuCount, AccumulatorLength, _largestStratum, Columns, CellCount);

    /// <summary>
    /// Each column's numerator and denominator from a block of stored sums (accumulator layout: stored group by stored
    /// group, numerators then denominators): the sums themselves, or, on a calibrated design, the cells' sums weighted by
    /// the factors that calibrate the block's cell totals. False when those totals cannot be calibrated.
    /// </summary>
    private bool Combine(ReadOnlySpan<double> block, Span<double> numerator, Span<double> denominator, Span<double> cellTotals, Span<double> factors)
    {
        if (_calibration is null)
        {
            for (var g = 0; g < _groupCount; g++)
            {
                for (var j = 0; j < _width; j++)
                {
                    numerator[(g * _width) + j] = block[(g * _stride) + j];
                    denominator[(g * _width) + j] = block[(g * _stride) + _width + j];
                }
            }

            return true;
        }

        var cells = CellCount;
        cellTotals.Clear();
        for (var g = 0; g < _valueGroups; g++)
        {
            for (var c = 0; c < cells; c++)
            {
                cellTotals[c] += block[(((g * cells) + c) * _stride) + _width + _valueWidth];
            }
        }

        if (!_calibration.TryFactors(cellTotals, factors))
        {
            return false;
        }

        for (var g = 0; g < _valueGroups; g++)
        {
            for (var j = 0; j < _valueWidth; j++)
            {
                double sum = 0, weight = 0;
                for (var c = 0; c < cells; c++)
                {
                    var at = ((g * cells) + c) * _stride;
                    sum += factors[c] * block[at + j];
                    weight += factors[c] * block[at + _width + j];
                }

                numerator[(g * _valueWidth) + j] = sum;
                denominator[(g * _valueWidth) + j] = weight;
            }
        }

        return true;
    }

    /// <summary>
    /// Replicates [first, last) of at most <see cref="Batch"/>: each draws n_h PSUs in every stratum from its own stream,
    /// recorded as multiplicities; then one pass over the rows adds m_p × row into each replicate's accumulator, and each
    /// column's ratio is stored in <paramref name="replicates"/> (column-major, <paramref name="replicateCount"/> per column).
    /// A replicate whose weights cannot be calibrated is marked in <paramref name="uncalibrated"/> (its estimates NaN).
    /// </summary>
    public void RunBatch(ulong seed, int first, int last, BatchBuffers buffers, double[] replicates, int replicateCount, bool[] uncalibrated)
    {
        if (_largestStratum <= byte.MaxValue)
        {
            Sum<byte>(seed, first, last, buffers);
        }
        else if (_largestStratum <= ushort.MaxValue)
        {
            Sum<ushort>(seed, first, last, buffers);
        }
        else
        {
            Sum<uint>(seed, first, last, buffers);
        }

        var (numerator, denominator) = (buffers.Numerator, buffers.Denominator);
        for (var slot = 0; slot < last - first; slot++)
        {
            var calibrated = Combine(buffers.Accumulator.AsSpan(slot * AccumulatorLength, AccumulatorLength), numerator, denominator, buffers.CellTotals, buffers.Factors);
            uncalibrated[first + slot] = !calibrated;
            for (var c = 0; c < numerator.Length; c++)
            {
                replicates[((long)c * replicateCount) + first + slot] = calibrated && denominator[c] > 0 ? numerator[c] / denominator[c] : double.NaN;
            }
        }
    }

    /// <summary>Each column's full-sample ratio; <paramref name="emptyColumn"/> is the first column with nobody in its domain, or −1.</summary>
    /// <exception cref="InsufficientDataException">The full sample's cell totals cannot be calibrated again.</exception>
    public double[] FullSampleEstimates(out int emptyColumn)
    {
        var (numerator, denominator) = Combined(Totals(_ => true));
        var estimates = new double[Columns];
        emptyColumn = -1;
        for (var c = 0; c < estimates.Length; c++)
        {
            if (denominator[c] > 0)
            {
                estimates[c] = numerator[c] / denominator[c];
            }
            else if (emptyColumn < 0)
            {
                emptyColumn = c;
            }
        }

        return estimates;
    }

    /// <summary>
    /// JKn empirical influence values, L[c·P + p] = (n_h − 1)(θ̂_c − θ̂_c,(p)) for the design's PSU p of stratum h, where
    /// θ̂_c,(p) deletes p and reweights the rest of stratum h by n_h/(n_h − 1); 0 in a single-PSU stratum; NaN where
    /// deleting p leaves the column's domain empty.
    /// </summary>
    public double[] JackknifeInfluence(double[] estimates)
    {
        var columns = Columns;
        var psuCount = PsuCount;
        var strata = _stratumStart.Length - 1;
        var total = Totals(_ => true);
        var (_, totalDenominator) = Combined(total);
        var stratumTotals = new double[strata][];
        for (var h = 0; h < strata; h++)
        {
            var (from, to) = (_stratumStart[h], _stratumStart[h + 1]);
            stratumTotals[h] = Totals(q => q >= from && q < to);
        }

        var influence = new double[(long)columns * psuCount];
        var block = new double[AccumulatorLength];
        var numerator = new double[columns];
        var denominator = new double[columns];
        var cellTotals = new double[CellCount];
        var factors = new double[CellCount];
        for (var h = 0; h < strata; h++)
        {
            var nh = _stratumStart[h + 1] - _stratumStart[h];
            if (nh == 1)
            {
                continue; // a single-PSU stratum cannot be jackknifed: L = 0
            }

            var scale = nh / (nh - 1.0);
            var inStratum = stratumTotals[h];
            for (var q = _stratumStart[h]; q < _stratumStart[h + 1]; q++)
            {
                for (var e = 0; e < block.Length; e++)
                {
                    block[e] = total[e] - inStratum[e] + (scale * inStratum[e]);
                }

                for (var k = _psuSegmentStart[q]; k < _psuSegmentStart[q + 1]; k++)
                {
                    var s = _psuSegments[k];
                    var at = _segmentGroup[s] * _stride;
                    for (var j = 0; j < _width; j++)
                    {
                        block[at + j] -= scale * _rows[Index(s, j)];
                        block[at + _width + j] -= scale * _rows[Index(s, _width + j)];
                    }
                }

                var calibrated = Combine(block, numerator, denominator, cellTotals, factors);
                for (var c = 0; c < columns; c++)
                {
                    // Cancellation may leave a tiny remainder where deleting q empties the domain: that is empty.
                    var deleted = calibrated && denominator[c] > 1e-12 * totalDenominator[c] ? numerator[c] / denominator[c] : double.NaN;
                    influence[((long)c * psuCount) + _designPsu[q]] = (nh - 1) * (estimates[c] - deleted);
                }
            }
        }

        return influence;
    }

    private int Index(int segment, int element) => _rowStart + (segment * _stride) + element;

    /// <summary>The first element of a pinned array that starts a cache line.</summary>
    private static int AlignedStart(double[] pinned)
    {
        var address = (nuint)Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0);
        return (int)((RowLanes - (address / sizeof(double) % RowLanes)) % RowLanes);
    }

    private static int[] CountingStarts(int[] keys, int count)
    {
        var starts = new int[count + 1];
        foreach (var k in keys)
        {
            starts[k + 1]++;
        }

        for (var k = 0; k < count; k++)
        {
            starts[k + 1] += starts[k];
        }

        return starts;
    }

    /// <summary>
    /// The batch's sums Σ m_p × row_p into <see cref="BatchBuffers.Accumulator"/>, the multiplicities counted in
    /// <typeparamref name="T"/> (wide enough for the largest stratum). With vector lanes, stratum by stratum: its draws,
    /// its multiplicities as doubles and its rows' sums, while one stratum's counts and multiplicities are in the cache
    /// (not all PSUs' at once). Otherwise every replicate's draws, then every multiplicity, then the sums.
    /// </summary>
    private void Sum<T>(ulong seed, int first, int last, BatchBuffers buffers)
        where T : unmanaged, IBinaryInteger<T>
    {
        var counts = MemoryMarshal.Cast<byte, T>(buffers.Counts.AsSpan());
        if (!_lanes)
        {
            counts.Clear();
            DrawOneByOne(seed, first, last, counts);
            ToDouble<T>(counts, buffers.Multiplicity);
            Accumulate(buffers);
            return;
        }

        var strata = _stratumStart.Length - 1;
        var streams = Xoshiro256StarStarLanes.ForReplicates(seed, first);
        counts[..(_largestStratum * Batch)].Clear();
        buffers.Accumulator.AsSpan().Clear();
        for (var h = 0; h < strata; h++)
        {
            var start = _stratumStart[h];
            var used = counts[..((_stratumStart[h + 1] - start) * Batch)];
            streams = DrawStratum(streams, (uint)(_stratumStart[h + 1] - start), used, buffers.Drawn);
            ToDouble<T>(used, buffers.Multiplicity);
            used.Clear();
            for (var g = 0; g < _groupCount; g++)
            {
                var at = (g * (strata + 1)) + h;
                SumSegments(new SegmentRange(_groupStratumStart[at], _groupStratumStart[at + 1], start, _segmentPsu, _stride), g, buffers);
            }
        }
    }

    /// <summary>Each replicate's draws from its own scalar generator, one replicate after the other.</summary>
    private void DrawOneByOne<T>(ulong seed, int first, int last, Span<T> counts)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (var r = first; r < last; r++)
        {
            var random = Xoshiro256StarStar.ForReplicate(seed, r);
            var slot = r - first;
            for (var h = 0; h + 1 < _stratumStart.Length; h++)
            {
                var start = _stratumStart[h];
                var size = (uint)(_stratumStart[h + 1] - start);
                // Two draws from each 64-bit output: its low and its high 32 bits.
                for (var k = 0u; k < size; k += 2)
                {
                    var bits = random.NextUInt64();
                    counts[((start + (int)random.Bounded32((bits & uint.MaxValue) * size, size)) * Batch) + slot]++;
                    if (k + 1 < size)
                    {
                        counts[((start + (int)random.Bounded32((bits >> 32) * size, size)) * Batch) + slot]++;
                    }
                }
            }
        }
    }

    /// <summary>
    /// One stratum's draws for the batch's eight replicates at once, replicate k in lane k (a partial batch's spare lanes
    /// draw too, into slots nobody reads), the same draws as <see cref="DrawOneByOne"/>, counted in
    /// <paramref name="counts"/> (the stratum's PSUs × slots). One vector step gives each replicate two draws; a pass of
    /// up to <see cref="BatchBuffers.StepsPerPass"/> steps stores the counts' positions in <paramref name="drawn"/>, and
    /// only then are they incremented one by one (the eight lanes never touch the same count): read back at once, the
    /// scalar loads would wait for the vector stores they read from. The streams go in and come back by value, so that
    /// their state stays in registers.
    /// </summary>
    private static Xoshiro256StarStarLanes DrawStratum<T>(Xoshiro256StarStarLanes streams, uint size, Span<T> counts, uint[] drawn)
        where T : unmanaged, IBinaryInteger<T>
    {
        const int PerStep = 2 * Xoshiro256StarStarLanes.Count;
        ref var count = ref MemoryMarshal.GetReference(counts);
        ref var positions = ref MemoryMarshal.GetArrayDataReference(drawn);
        var slots = Vector512<ulong>.Indices;
        for (var k = 0u; k < size; k += 2 * BatchBuffers.StepsPerPass)
        {
            var draws = Math.Min(2 * BatchBuffers.StepsPerPass, size - k); // per replicate in this pass; odd only at the stratum's end
            for (var step = 0; 2 * step < draws; step++)
            {
                var (low, high) = streams.NextBoundedPair(size, (2 * step) + 1 < draws);
                Vector512.Narrow((low << 3) + slots, (high << 3) + slots).StoreUnsafe(ref positions, (nuint)(step * PerStep));
            }

            // An odd last draw leaves its high half, the pass's last eight positions, unused. Eight at a time:
            // the loop's own instructions would otherwise cost as much as the increments.
            for (var d = 0; d < draws * Xoshiro256StarStarLanes.Count; d += Xoshiro256StarStarLanes.Count)
            {
                ref var next = ref Unsafe.Add(ref positions, d);
                Unsafe.Add(ref count, next)++;
                Unsafe.Add(ref count, Unsafe.Add(ref next, 1))++;
                Unsafe.Add(ref count, Unsafe.Add(ref next, 2))++;
                Unsafe.Add(ref count, Unsafe.Add(ref next, 3))++;
                Unsafe.Add(ref count, Unsafe.Add(ref next, 4))++;
                Unsafe.Add(ref count, Unsafe.Add(ref next, 5))++;
                Unsafe.Add(ref count, Unsafe.Add(ref next, 6))++;
                Unsafe.Add(ref count, Unsafe.Add(ref next, 7))++;
            }
        }

        return streams;
    }

    /// <summary>Counts to doubles, vectorised for byte and ushort counts (exact: they stay below 2²⁴ on the way through float).</summary>
    private static void ToDouble<T>(ReadOnlySpan<T> counts, Span<double> target)
        where T : unmanaged, IBinaryInteger<T>
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated && typeof(T) == typeof(byte))
        {
            var bytes = MemoryMarshal.Cast<T, byte>(counts);
            for (; k + Vector<byte>.Count <= bytes.Length; k += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(bytes[k..]), out var low, out var high);
                Store(low, target[k..]);
                Store(high, target[(k + Vector<ushort>.Count)..]);
            }
        }
        else if (Vector.IsHardwareAccelerated && typeof(T) == typeof(ushort))
        {
            var shorts = MemoryMarshal.Cast<T, ushort>(counts);
            for (; k + Vector<ushort>.Count <= shorts.Length; k += Vector<ushort>.Count)
            {
                Store(new Vector<ushort>(shorts[k..]), target[k..]);
            }
        }

        for (; k < counts.Length; k++)
        {
            target[k] = double.CreateTruncating(counts[k]);
        }

        static void Store(Vector<ushort> values, Span<double> target)
        {
            Vector.Widen(values, out var low, out var high);
            StoreInts(low, target);
            StoreInts(high, target[Vector<uint>.Count..]);
        }

        static void StoreInts(Vector<uint> values, Span<double> target)
        {
            Vector.Widen(Vector.ConvertToSingle(Vector.AsVectorInt32(values)), out var low, out var high);
            low.CopyTo(target);
            high.CopyTo(target[Vector<double>.Count..]);
        }
    }

    /// <summary>
    /// Adds Σ m_p × row_p over some segments of group <paramref name="group"/> (those of one stratum) to the group's sums,
    /// with 512-bit vectors: up to three vectors of the row (24 columns) for all eight replicates in registers (24
    /// accumulators of the 32), so each row is read once per batch.
    /// </summary>
    private void SumSegments(SegmentRange segments, int group, BatchBuffers buffers)
    {
        const int Held = 3;
        if (segments.From == segments.To)
        {
            return;
        }

        var vectors = _stride / RowLanes;
        ref var rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref var target = ref MemoryMarshal.GetArrayDataReference(buffers.Accumulator);
        for (var v = 0; v < vectors; v += Held)
        {
            ref var first = ref Unsafe.Add(ref rows, _rowStart + (v * RowLanes));
            ref var sums = ref Unsafe.Add(ref target, (group * _stride) + (v * RowLanes));
            switch (vectors - v)
            {
                case 1:
                    SumRows<OneVector>(segments, ref first, buffers.Multiplicity, ref sums, AccumulatorLength);
                    break;
                case 2:
                    SumRows<TwoVectors>(segments, ref first, buffers.Multiplicity, ref sums, AccumulatorLength);
                    break;
                default:
                    SumRows<ThreeVectors>(segments, ref first, buffers.Multiplicity, ref sums, AccumulatorLength);
                    break;
            }
        }
    }

    /// <summary>
    /// The kernel of <see cref="SumSegments"/>: <typeparamref name="TWidth"/> vectors of each row from
    /// <paramref name="row"/> on (one to three; the JIT compiles each width on its own, without the unused accumulators),
    /// times each of the eight replicates' multiplicities (<paramref name="multiplicities"/>, from the stratum's first
    /// PSU on), added in registers to the sums at <paramref name="sums"/> (replicate k at k × <paramref name="replicateStride"/>).
    /// </summary>
    private static void SumRows<TWidth>(SegmentRange segments, ref double row, double[] multiplicities, ref double sums, int replicateStride)
        where TWidth : struct, IVectorCount
    {
        // Every accumulator written out, not through a helper returning tuples: those would keep them in memory.
        var (two, three) = (TWidth.Vectors > 1, TWidth.Vectors > 2);
        ref var sums1 = ref Unsafe.Add(ref sums, replicateStride);
        ref var sums2 = ref Unsafe.Add(ref sums, 2 * replicateStride);
        ref var sums3 = ref Unsafe.Add(ref sums, 3 * replicateStride);
        ref var sums4 = ref Unsafe.Add(ref sums, 4 * replicateStride);
        ref var sums5 = ref Unsafe.Add(ref sums, 5 * replicateStride);
        ref var sums6 = ref Unsafe.Add(ref sums, 6 * replicateStride);
        ref var sums7 = ref Unsafe.Add(ref sums, 7 * replicateStride);
        var a00 = Vector512.LoadUnsafe(ref sums);
        var a01 = two ? Vector512.LoadUnsafe(ref sums, RowLanes) : default;
        var a02 = three ? Vector512.LoadUnsafe(ref sums, 2 * RowLanes) : default;
        var a10 = Vector512.LoadUnsafe(ref sums1);
        var a11 = two ? Vector512.LoadUnsafe(ref sums1, RowLanes) : default;
        var a12 = three ? Vector512.LoadUnsafe(ref sums1, 2 * RowLanes) : default;
        var a20 = Vector512.LoadUnsafe(ref sums2);
        var a21 = two ? Vector512.LoadUnsafe(ref sums2, RowLanes) : default;
        var a22 = three ? Vector512.LoadUnsafe(ref sums2, 2 * RowLanes) : default;
        var a30 = Vector512.LoadUnsafe(ref sums3);
        var a31 = two ? Vector512.LoadUnsafe(ref sums3, RowLanes) : default;
        var a32 = three ? Vector512.LoadUnsafe(ref sums3, 2 * RowLanes) : default;
        var a40 = Vector512.LoadUnsafe(ref sums4);
        var a41 = two ? Vector512.LoadUnsafe(ref sums4, RowLanes) : default;
        var a42 = three ? Vector512.LoadUnsafe(ref sums4, 2 * RowLanes) : default;
        var a50 = Vector512.LoadUnsafe(ref sums5);
        var a51 = two ? Vector512.LoadUnsafe(ref sums5, RowLanes) : default;
        var a52 = three ? Vector512.LoadUnsafe(ref sums5, 2 * RowLanes) : default;
        var a60 = Vector512.LoadUnsafe(ref sums6);
        var a61 = two ? Vector512.LoadUnsafe(ref sums6, RowLanes) : default;
        var a62 = three ? Vector512.LoadUnsafe(ref sums6, 2 * RowLanes) : default;
        var a70 = Vector512.LoadUnsafe(ref sums7);
        var a71 = two ? Vector512.LoadUnsafe(ref sums7, RowLanes) : default;
        var a72 = three ? Vector512.LoadUnsafe(ref sums7, 2 * RowLanes) : default;
        ref var multiplicity = ref MemoryMarshal.GetArrayDataReference(multiplicities);
        for (var s = segments.From; s < segments.To; s++)
        {
            ref var at = ref Unsafe.Add(ref row, s * segments.Stride);
            var r0 = Vector512.LoadUnsafe(ref at);
            var r1 = two ? Vector512.LoadUnsafe(ref at, RowLanes) : default;
            var r2 = three ? Vector512.LoadUnsafe(ref at, 2 * RowLanes) : default;
            ref var m = ref Unsafe.Add(ref multiplicity, (segments.Psu[s] - segments.FirstPsu) * Batch);
            var b = Vector512.Create(m);
            a00 += b * r0; if (two) { a01 += b * r1; } if (three) { a02 += b * r2; }
            b = Vector512.Create(Unsafe.Add(ref m, 1));
            a10 += b * r0; if (two) { a11 += b * r1; } if (three) { a12 += b * r2; }
            b = Vector512.Create(Unsafe.Add(ref m, 2));
            a20 += b * r0; if (two) { a21 += b * r1; } if (three) { a22 += b * r2; }
            b = Vector512.Create(Unsafe.Add(ref m, 3));
            a30 += b * r0; if (two) { a31 += b * r1; } if (three) { a32 += b * r2; }
            b = Vector512.Create(Unsafe.Add(ref m, 4));
            a40 += b * r0; if (two) { a41 += b * r1; } if (three) { a42 += b * r2; }
            b = Vector512.Create(Unsafe.Add(ref m, 5));
            a50 += b * r0; if (two) { a51 += b * r1; } if (three) { a52 += b * r2; }
            b = Vector512.Create(Unsafe.Add(ref m, 6));
            a60 += b * r0; if (two) { a61 += b * r1; } if (three) { a62 += b * r2; }
            b = Vector512.Create(Unsafe.Add(ref m, 7));
            a70 += b * r0; if (two) { a71 += b * r1; } if (three) { a72 += b * r2; }
        }

        Store(ref sums, a00, a01, a02);
        Store(ref sums1, a10, a11, a12);
        Store(ref sums2, a20, a21, a22);
        Store(ref sums3, a30, a31, a32);
        Store(ref sums4, a40, a41, a42);
        Store(ref sums5, a50, a51, a52);
        Store(ref sums6, a60, a61, a62);
        Store(ref sums7, a70, a71, a72);

        static void Store(ref double target, Vector512<double> first, Vector512<double> second, Vector512<double> third)
        {
            first.StoreUnsafe(ref target);
            if (TWidth.Vectors > 1)
            {
                second.StoreUnsafe(ref target, RowLanes);
            }

            if (TWidth.Vectors > 2)
            {
                third.StoreUnsafe(ref target, 2 * RowLanes);
            }
        }
    }

    /// <summary>
    /// Σ m_p × row over the segments of each group, one vector chunk of the used columns at a time, eight replicates in
    /// registers; the segments go in blocks of 512, whose rows stay in the L2 cache while each
    /// chunk passes over them, and whose sums resume where the previous block left them (the same additions in the same order).
    /// </summary>
    private void Accumulate(BatchBuffers buffers)
    {
        const int SegmentsPerBlock = 512;
        ref var rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref var multiplicity = ref MemoryMarshal.GetArrayDataReference(buffers.Multiplicity);
        ref var accumulator = ref MemoryMarshal.GetArrayDataReference(buffers.Accumulator);
        var lanes = Vector<double>.Count;
        var chunks = ((2 * _width) + lanes - 1) / lanes; // the padding beyond is never read
        var accumulatorLength = (nuint)AccumulatorLength;
        buffers.Accumulator.AsSpan().Clear();
        for (var g = 0; g < _groupCount; g++)
        {
            for (var block = _groupStart[g]; block < _groupStart[g + 1]; block += SegmentsPerBlock)
            {
                var end = Math.Min(_groupStart[g + 1], block + SegmentsPerBlock);
                for (var chunk = 0; chunk < chunks; chunk++)
                {
                    var target = (nuint)((g * _stride) + (chunk * lanes));
                    var a0 = Vector.LoadUnsafe(ref accumulator, target);
                    var a1 = Vector.LoadUnsafe(ref accumulator, target + accumulatorLength);
                    var a2 = Vector.LoadUnsafe(ref accumulator, target + (2 * accumulatorLength));
                    var a3 = Vector.LoadUnsafe(ref accumulator, target + (3 * accumulatorLength));
                    var a4 = Vector.LoadUnsafe(ref accumulator, target + (4 * accumulatorLength));
                    var a5 = Vector.LoadUnsafe(ref accumulator, target + (5 * accumulatorLength));
                    var a6 = Vector.LoadUnsafe(ref accumulator, target + (6 * accumulatorLength));
                    var a7 = Vector.LoadUnsafe(ref accumulator, target + (7 * accumulatorLength));
                    var chunkBase = (nuint)(_rowStart + (chunk * lanes));
                    for (var s = block; s < end; s++)
                    {
                        var row = Vector.LoadUnsafe(ref rows, chunkBase + (nuint)(s * _stride));
                        ref var m = ref Unsafe.Add(ref multiplicity, _segmentPsu[s] * Batch);
                        a0 += new Vector<double>(m) * row;
                        a1 += new Vector<double>(Unsafe.Add(ref m, 1)) * row;
                        a2 += new Vector<double>(Unsafe.Add(ref m, 2)) * row;
                        a3 += new Vector<double>(Unsafe.Add(ref m, 3)) * row;
                        a4 += new Vector<double>(Unsafe.Add(ref m, 4)) * row;
                        a5 += new Vector<double>(Unsafe.Add(ref m, 5)) * row;
                        a6 += new Vector<double>(Unsafe.Add(ref m, 6)) * row;
                        a7 += new Vector<double>(Unsafe.Add(ref m, 7)) * row;
                    }

                    a0.StoreUnsafe(ref accumulator, target);
                    a1.StoreUnsafe(ref accumulator, target + accumulatorLength);
                    a2.StoreUnsafe(ref accumulator, target + (2 * accumulatorLength));
                    a3.StoreUnsafe(ref accumulator, target + (3 * accumulatorLength));
                    a4.StoreUnsafe(ref accumulator, target + (4 * accumulatorLength));
                    a5.StoreUnsafe(ref accumulator, target + (5 * accumulatorLength));
                    a6.StoreUnsafe(ref accumulator, target + (6 * accumulatorLength));
                    a7.StoreUnsafe(ref accumulator, target + (7 * accumulatorLength));
                }
            }
        }
    }

    /// <summary>The sums of the PSUs <paramref name="includePsu"/> selects, in the accumulator's layout (compensated).</summary>
    private double[] Totals(Func<int, bool> includePsu)
    {
        var sums = new CompensatedSum[AccumulatorLength];
        for (var s = 0; s < _segmentCount; s++)
        {
            if (!includePsu(_segmentPsu[s]))
            {
                continue;
            }

            var at = _segmentGroup[s] * _stride;
            for (var j = 0; j < _width; j++)
            {
                sums[at + j].Add(_rows[Index(s, j)]);
                sums[at + _width + j].Add(_rows[Index(s, _width + j)]);
            }
        }

        return [.. sums.Select(x => x.Value)];
    }

    private (double[] Numerator, double[] Denominator) Combined(double[] block)
    {
        var numerator = new double[Columns];
        var denominator = new double[Columns];
        return Combine(block, numerator, denominator, new double[CellCount], new double[CellCount])
            ? (numerator, denominator)
            : throw new InsufficientDataException("the full sample's weights cannot be calibrated to the margins again, so the bootstrap cannot recalibrate its replicates");
    }
}

/// <summary>The segments [From, To) of one group within one stratum (whose PSUs start at <paramref name="FirstPsu"/>): their PSUs and the distance between rows.</summary>
internal readonly record struct SegmentRange(int From, int To, int FirstPsu, int[] Psu, int Stride);

/// <summary>How many 512-bit vectors of a row the kernel holds in registers, as a type, so that the JIT compiles each count on its own.</summary>
internal interface IVectorCount
{
    static abstract int Vectors { get; }
}

internal readonly struct OneVector : IVectorCount
{
    public static int Vectors => 1;
}

internal readonly struct TwoVectors : IVectorCount
{
    public static int Vectors => 2;
}

internal readonly struct ThreeVectors : IVectorCount
{
    public static int Vectors => 3;
}

/// <summary>A thread's scratch space for one batch: draw counts, multiplicities (PSU × replicate slot), accumulators, and the columns' sums and cells' factors of one replicate.</summary>
internal sealed class BatchBuffers(int psuCount, int accumulatorLength, int largestStratum, int columns, int cells)
{
    public double[] Numerator { get; } = new double[columns];

    public double[] Denominator { get; } = new double[columns];

    public double[] CellTotals { get; } = new double[cells];

    public double[] Factors { get; } = new double[cells];

    /// <summary>Steps of the vectorised draws between two passes of incrementing their counts.</summary>
    public const int StepsPerPass = 256;

    public byte[] Counts { get; } = new byte[psuCount * BootstrapRows.Batch * (largestStratum <= byte.MaxValue ? 1 : largestStratum <= ushort.MaxValue ? 2 : 4)];

    /// <summary>Positions in <see cref="Counts"/> of one pass of vectorised draws, 16 per step.</summary>
    public uint[] Drawn { get; } = new uint[2 * Xoshiro256StarStarLanes.Count * StepsPerPass];

    public double[] Multiplicity { get; } = new double[psuCount * BootstrapRows.Batch];

    public double[] Accumulator { get; } = new double[accumulatorLength * BootstrapRows.Batch];
}
