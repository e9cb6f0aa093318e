using ScottPlot;

namespace FerNet.Training.Reports;

/// <summary>The look every report chart shares: fonts sized for reading a PNG at 100 %, white figure, light grid.</summary>
internal static class ChartStyle
{
    internal const float TitleFontSize = 20;
    internal const float AxisLabelFontSize = 16;
    internal const float TickLabelFontSize = 14;
    internal const float AnnotationFontSize = 13;

    internal static readonly Color TextColor = Color.FromHex("#222222");
    internal static readonly Color GridColor = Color.FromHex("#e5e5e5");

    // Skia's default typeface follows fontconfig, which picks a serif face on many Linux machines.
    private static readonly string[] SansSerifFonts = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"];

    /// <summary>The first sans-serif font installed here, else ScottPlot's default.</summary>
    internal static string FontName { get; } =
        SansSerifFonts.FirstOrDefault(name => Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName == name) ?? Fonts.Default;

    /// <summary>Sets the font, title, axis titles and font sizes of <paramref name="plot"/>; labels added later must set <see cref="FontName"/> themselves.</summary>
    internal static void Apply(Plot plot, string title, string xAxisTitle, string yAxisTitle)
    {
        plot.Title(title, TitleFontSize);
        plot.XLabel(xAxisTitle, AxisLabelFontSize);
        plot.YLabel(yAxisTitle, AxisLabelFontSize);
        plot.Axes.Title.Label.FontName = FontName;
        plot.Axes.Title.Label.ForeColor = TextColor;
        plot.Axes.Title.Label.Bold = true;
        plot.Legend.FontName = FontName;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = FontName;
            axis.Label.ForeColor = TextColor;
            axis.TickLabelStyle.FontName = FontName;
            axis.TickLabelStyle.FontSize = TickLabelFontSize;
            axis.TickLabelStyle.ForeColor = TextColor;
        }

        plot.Grid.MajorLineColor = GridColor;
    }
}
