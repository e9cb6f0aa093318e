using System.Reflection;
using System.Text.Json.Serialization;

namespace FerNet.Training.Runs;

/// <summary>
/// The names of the option enums as users type them and checkpoints store them: the
/// <see cref="JsonStringEnumMemberNameAttribute"/> of each value, so the command line and the JSON
/// header cannot disagree.
/// </summary>
internal static class OptionNames
{
    /// <summary>The name of <paramref name="value"/>, e.g. "one-cycle".</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        string member = Enum.GetName(value) ?? throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(TEnum).Name}.");
        return typeof(TEnum).GetField(member)!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? member;
    }

    /// <summary>Every name of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(Name)];

    /// <summary>The names of <typeparamref name="TEnum"/> as a list for help text and errors: "a, b or c".</summary>
    public static string Listed<TEnum>()
        where TEnum : struct, Enum
    {
        IReadOnlyList<string> names = All<TEnum>();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
    }

    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <param name="name">What the user typed.</param>
    /// <param name="what">What the value chooses, for the error message (e.g. "precision").</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> names no value.</exception>
    public static TEnum Parse<TEnum>(string name, string what)
        where TEnum : struct, Enum
    {
        foreach (TEnum value in Enum.GetValues<TEnum>())
        {
            if (Name(value) == name)
            {
                return value;
            }
        }

        throw new ArgumentException($"Unknown {what} '{name}': use {Listed<TEnum>()}.");
    }
}
