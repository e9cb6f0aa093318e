namespace FerNet.Cli.Commands;

/// <summary>The verb a mistyped one most likely meant, by edit distance, as <c>git</c> and <c>dotnet</c> suggest.</summary>
internal static class VerbSuggestion
{
    /// <summary>
    /// The verb of <paramref name="verbs"/> closest to <paramref name="typed"/> (fewest letters
    /// inserted, deleted, replaced or two neighbours swapped, ignoring case), when it is within two
    /// such edits and closer than half the typed word; otherwise null.
    /// </summary>
    public static string? Closest(string typed, IReadOnlyList<string> verbs)
    {
        (string Verb, int Distance)? best = null;
        foreach (string verb in verbs)
        {
            int distance = Distance(typed.ToLowerInvariant(), verb);
            if (distance <= 2 && distance * 2 < typed.Length && (best is null || distance < best.Value.Distance))
            {
                best = (verb, distance);
            }
        }

        return best?.Verb;
    }

    // Optimal string alignment distance: Levenshtein's edits plus the swap of two neighbours ("predcit").
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
