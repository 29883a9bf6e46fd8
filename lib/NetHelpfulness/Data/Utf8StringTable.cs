using System.Collections;
using System.Text;

namespace NetHelpfulness.Data;

/// <summary>
/// Distinct UTF-8 strings numbered in order of first appearance, kept as bytes in one chunked arena and found by their
/// bytes (an open-addressing hash table of their numbers): the fast loader's respondent identifiers, scenarios and
/// levels, read from the file's bytes without a string per field. Ten million identifiers of ten bytes take ~100 MB
/// of arena and entries (plus the table while loading) instead of ~1 GB as strings in a dictionary.
/// </summary>
internal sealed class Utf8StringTable
{
    /// <summary>The longest string kept (longer ones are refused: the full loader reports them).</summary>
    public const int MaxLength = (1 << 20) - 1;

    private const int ArenaChunkShift = 20;
    private const int ArenaChunkSize = 1 << ArenaChunkShift;
    private readonly List<byte[]> _arena = [];
    private int _arenaUsed;

    // Each string as (arena chunk << 40) | (offset in chunk << 20) | length.
    private readonly ChunkedList<long> _entries = new();
    private int[]? _slots = new int[16];

    /// <summary>Number of distinct strings.</summary>
    public int Count => _entries.Count;

    /// <summary>The bytes of string <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            var entry = _entries[index];
            return _arena[(int)(entry >> 40)].AsSpan((int)((entry >> 20) & (ArenaChunkSize - 1)), (int)(entry & MaxLength));
        }
    }

    /// <summary>String <paramref name="index"/> as text.</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(this[index]);

    /// <summary>All strings as text, in order.</summary>
    public string[] ToStrings()
    {
        var strings = new string[Count];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = GetString(i);
        }

        return strings;
    }

    /// <summary>The strings as a list that makes each one's text when it is asked for (the survey's identifiers).</summary>
    public IReadOnlyList<string> AsLazyStrings() => new LazyStrings(this);

    /// <summary>The number of <paramref name="bytes"/>, added when new; −1 when they are longer than <see cref="MaxLength"/>.</summary>
    public int FindOrAdd(ReadOnlySpan<byte> bytes, out bool added)
    {
        added = false;
        var slots = _slots ?? throw new InvalidOperationException("the table was sealed");
        var mask = slots.Length - 1;
        var slot = Hash(bytes) & mask;
        while (slots[slot] != 0)
        {
            var index = slots[slot] - 1;
            if (this[index].SequenceEqual(bytes))
            {
                return index;
            }

            slot = (slot + 1) & mask;
        }

        if (bytes.Length > MaxLength)
        {
            return -1;
        }

        var stored = Store(bytes);
        slots[slot] = stored + 1;
        added = true;
        if (Count * 2 > slots.Length)
        {
            Rehash(slots.Length * 2);
        }

        return stored;
    }

    /// <summary>Drops the look-up table once no more strings are added (the strings stay).</summary>
    public void Seal() => _slots = null;

    private int Store(ReadOnlySpan<byte> bytes)
    {
        if (_arena.Count == 0 || _arenaUsed + bytes.Length > ArenaChunkSize)
        {
            _arena.Add(new byte[ArenaChunkSize]);
            _arenaUsed = 0;
        }

        bytes.CopyTo(_arena[^1].AsSpan(_arenaUsed));
        _entries.Add(((long)(_arena.Count - 1) << 40) | ((long)_arenaUsed << 20) | (long)bytes.Length);
        _arenaUsed += bytes.Length;
        return _entries.Count - 1;
    }

    private void Rehash(int size)
    {
        var slots = new int[size];
        var mask = size - 1;
        for (var index = 0; index < Count; index++)
        {
            var slot = Hash(this[index]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = index + 1;
        }

        _slots = slots;
    }

    // HashCode is seeded per process, so a file cannot be crafted to make every identifier collide.
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode() & int.MaxValue;
    }

    private sealed class LazyStrings(Utf8StringTable table) : IReadOnlyList<string>
    {
        public string this[int index] => (uint)index < (uint)table.Count ? table.GetString(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => table.Count;

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < table.Count; i++)
            {
                yield return table.GetString(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
