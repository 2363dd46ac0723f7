namespace Watcher.Modules.Decision.Strategies.WorkloadStabilization;

/// <summary>
/// CPython's <c>random.Random</c> (MT19937 seeded by <c>init_by_array</c>, <c>getrandbits</c>,
/// <c>_randbelow</c> and <c>sample</c>) for the draws workload_stabilization makes. With the same integer seed it
/// picks the same hosts as upstream under <c>random.seed(seed)</c>, so a seeded plan can be checked against
/// upstream's and reproduced later.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index = N + 1;

    public PythonRandom(ulong seed)
    {
        // random.seed(int): the absolute value split into 32-bit words, least significant first; 0 is [0].
        var key = new List<uint>();
        do
        {
            key.Add((uint)(seed & 0xffffffff));
            seed >>= 32;
        } while (seed != 0);
        InitByArray(key);
    }

    /// <summary>random.getrandbits(k) for 0 ≤ k ≤ 32.</summary>
    public uint GetRandBits(int k) => k == 0 ? 0 : NextUInt32() >> (32 - k);

    /// <summary>random._randbelow(n), n > 0: rejection sampling on bit_length(n) bits.</summary>
    public int RandBelow(int n)
    {
        var k = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        var r = GetRandBits(k);
        while (r >= n) r = GetRandBits(k);
        return (int)r;
    }

    /// <summary>random.sample(population, k): k distinct items in selection order.</summary>
    public List<T> Sample<T>(IReadOnlyList<T> population, int k)
    {
        var n = population.Count;
        if (k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), "Sample larger than population or is negative");
        var result = new List<T>(k);
        var setSize = 21;
        if (k > 5) setSize += (int)Math.Pow(4, Math.Ceiling(Math.Log(k * 3) / Math.Log(4)));
        if (n <= setSize)
        {
            var pool = population.ToList();
            for (var i = 0; i < k; i++)
            {
                var j = RandBelow(n - i);
                result.Add(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        }
        else
        {
            var selected = new HashSet<int>();
            for (var i = 0; i < k; i++)
            {
                var j = RandBelow(n);
                while (!selected.Add(j)) j = RandBelow(n);
                result.Add(population[j]);
            }
        }
        return result;
    }

    private void InitGenRand(uint s)
    {
        _mt[0] = s;
        for (var i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    private void InitByArray(List<uint> key)
    {
        InitGenRand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Count); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++; j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= key.Count) j = 0;
        }
        for (var k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000u;
    }

    private uint NextUInt32()
    {
        if (_index >= N)
        {
            for (var kk = 0; kk < N; kk++)
            {
                var y = (_mt[kk] & 0x80000000u) | (_mt[(kk + 1) % N] & 0x7fffffffu);
                _mt[kk] = _mt[(kk + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
            }
            _index = 0;
        }
        var x = _mt[_index++];
        x ^= x >> 11;
        x ^= (x << 7) & 0x9d2c5680u;
        x ^= (x << 15) & 0xefc60000u;
        x ^= x >> 18;
        return x;
    }
}
