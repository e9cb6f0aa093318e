using System.Text;

namespace FerNet.Cli.Prediction;

/// <summary>Fields of one CSV line (RFC 4180: commas separate, double quotes enclose a field and are doubled inside one).</summary>
internal static class CsvFields
{
    /// <summary>Splits a line into its fields, unquoting quoted ones.</summary>
    /// <exception cref="FormatException">A quoted field is not closed.</exception>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException("a quoted field is not closed");
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>The field as written in a CSV line: quoted when it holds a comma, a quote or a line break.</summary>
    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
