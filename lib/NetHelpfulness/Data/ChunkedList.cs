using System.Runtime.CompilerServices;

namespace NetHelpfulness.Data;

/// <summary>
/// A growing list held in fixed-size chunks, for the loaders' per-respondent and per-rating columns: growing never
/// copies what is already stored, so a column of 10⁷ values peaks at its own size (plus one chunk), not at the three
/// times a doubling <see cref="List{T}"/> briefly holds, and no single allocation needs a large contiguous block.
/// </summary>
internal sealed class ChunkedList<T>
    where T : struct
{
    // 2^17 values: even a chunk of bytes is a large object, allocated once and never copied by the GC's compaction.
    private const int ChunkShift = 17;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;
    private T[][] _chunks = [];
    private int _chunkCount;

    /// <summary>Number of values stored.</summary>
    public int Count { [MethodImpl(MethodImplOptions.AggressiveOptimization)] get; private set; }

    /// <summary>The value at <paramref name="index"/> (below <see cref="Count"/>), by reference.</summary>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get => ref _chunks[index >> ChunkShift][index & ChunkMask];
    }

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(T value)
    {
        if ((Count & ChunkMask) == 0 && (Count >> ChunkShift) == _chunkCount)
        {
            if (_chunkCount == _chunks.Length)
            {
                Array.Resize(ref _chunks, Math.Max(4, _chunkCount * 2));
            }

            _chunks[_chunkCount++] = new T[ChunkSize];
        }

        _chunks[Count >> ChunkShift][Count & ChunkMask] = value;
        Count++;
    }

    /// <summary>Appends <paramref name="count"/> copies of a value (a row of cells).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRange(T value, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Add(value);
        }
    }

    /// <summary>The values in one exactly sized array.</summary>
    public T[] ToArray()
    {
        var values = new T[Count];
        CopyTo(values);
        return values;
    }

    /// <summary>Copies the values, in order, to the start of <paramref name="target"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CopyTo(Span<T> target)
    {
        var left = Count;
        for (var c = 0; left > 0; c++)
        {
            var take = Math.Min(left, ChunkSize);
            _chunks[c].AsSpan(0, take).CopyTo(target);
            target = target[take..];
            left -= take;
        }
    }
}
