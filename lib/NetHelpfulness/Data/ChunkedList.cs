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
    private readonly List<T[]> _chunks = [];

    /// <summary>Number of values stored.</summary>
    public int Count { get; private set; }

    /// <summary>The value at <paramref name="index"/> (below <see cref="Count"/>), by reference.</summary>
    public ref T this[int index] => ref _chunks[index >> ChunkShift][index & ChunkMask];

    /// <summary>Appends a value.</summary>
    public void Add(T value)
    {
        if ((Count & ChunkMask) == 0 && (Count >> ChunkShift) == _chunks.Count)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[Count >> ChunkShift][Count & ChunkMask] = value;
        Count++;
    }

    /// <summary>Appends <paramref name="count"/> copies of a value (a row of cells).</summary>
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
    public void CopyTo(Span<T> target)
    {
        var left = Count;
        foreach (var chunk in _chunks)
        {
            if (left == 0)
            {
                break;
            }

            var take = Math.Min(left, ChunkSize);
            chunk.AsSpan(0, take).CopyTo(target);
            target = target[take..];
            left -= take;
        }
    }
}
