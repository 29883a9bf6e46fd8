using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli.Output;

/// <summary>
/// A banner as an Excel workbook (Office Open XML, written with Microsoft's Open XML SDK): the sheet "Banner" with the
/// Total and every variable's levels as grouped columns, each level's net score (numeric, in points) with its letters in
/// the column beside it, a bases row, each scenario's n, and the notes block; the sheet "Cells" with one row per cell and
/// the CSV's columns at full precision.
/// </summary>
/// <remarks>Numbers are numeric cells with number formats, never text. The file is deterministic: zip entries carry a
/// fixed time stamp, so two runs on the same data give the same bytes.</remarks>
internal static class BannerWorkbook
{
    // Cell formats (indices into the stylesheet's cellXfs below).
    private const uint Plain = 0, Title = 1, Heading = 2, Points = 3, Integer = 4, Letters = 5, Percent = 6, Decimal4 = 7, Note = 8, Bold = 9, Decimal1 = 10, BoldInteger = 11, Muted = 12;

    public static void Write(BannerResult result, BannerSource source, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var package = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            // Relationship ids given, not generated (the SDK's are random): the same banner gives the same bytes.
            var workbook = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>("rId1");
            styles.Stylesheet = Stylesheet();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            AddSheet(workbook, sheets, 1, "Banner", BannerSheet(result, source));
            AddSheet(workbook, sheets, 2, "Cells", CellsSheet(result));
        }

        WithFixedTimestamps(package, output);
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, Worksheet worksheet)
    {
        var part = workbook.AddNewPart<WorksheetPart>(string.Create(CultureInfo.InvariantCulture, $"rId{id + 1}"));
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Worksheet BannerSheet(BannerResult result, BannerSource source)
    {
        var rows = new List<Row>();
        var merges = new List<string>();
        var columns = result.Columns;
        // Sheet column of each banner column's net score (its letters sit one to the right): A holds the row labels.
        int SheetColumn(int k) => 2 + (2 * k);

        rows.Add(Line(1, Text(1, 1, BannerLayout.Title(result) + (source.IsSynthetic ? " (SYNTHETIC data)" : ""), Title)));
        rows.Add(Line(2, Text(1, 2, "Net score in percentage points (% helpful − % creepy); beside it the letters of the columns of the same variable it is significantly above.", Note)));

        var variableRow = new List<Cell> { Text(1, 4, "Scenario", Heading) };
        var levelRow = new List<Cell> { Text(1, 5, "", Heading) };
        for (var k = 0; k < columns.Count; k++)
        {
            var column = columns[k];
            var first = k == 0 || columns[k - 1].Variable != column.Variable;
            if (first)
            {
                var span = column.IsTotal ? 1 : result.ColumnsOf(column.Variable).Count;
                variableRow.Add(Text(SheetColumn(k), 4, column.IsTotal ? "" : column.Variable, Heading));
                merges.Add($"{Reference(SheetColumn(k), 4)}:{Reference(SheetColumn(k + span - 1) + 1, 4)}");
            }

            levelRow.Add(Text(SheetColumn(k), 5, BannerLayout.Heading(column), Heading));
            levelRow.Add(Text(SheetColumn(k) + 1, 5, "", Heading));
            merges.Add($"{Reference(SheetColumn(k), 5)}:{Reference(SheetColumn(k) + 1, 5)}");
        }

        rows.Add(Line(4, [.. variableRow]));
        rows.Add(Line(5, [.. levelRow]));
        rows.Add(Line(6, [Text(1, 6, "Respondents (base)", Bold), .. columns.Select((c, k) => Number(SheetColumn(k), 6, c.Respondents, BoldInteger))]));

        var r = 7u;
        foreach (var scenario in result.Scenarios)
        {
            var net = new List<Cell> { Text(1, r, scenario, Plain) };
            var n = new List<Cell> { Text(1, r + 1, "n", Muted) };
            for (var k = 0; k < columns.Count; k++)
            {
                var cell = result.Cell(scenario, columns[k]);
                if (cell.Net is { } estimate)
                {
                    net.Add(Number(SheetColumn(k), r, estimate.Estimate * 100, Points));
                    var letters = BannerLayout.Letters(result, cell);
                    if (letters.Length > 0)
                    {
                        net.Add(Text(SheetColumn(k) + 1, r, letters, Letters));
                    }
                }
                else
                {
                    net.Add(Text(SheetColumn(k), r, BannerLayout.SuppressedMark.ToString(), Muted));
                }

                n.Add(Number(SheetColumn(k), r + 1, cell.N, Integer));
            }

            rows.Add(Line(r, [.. net]));
            rows.Add(Line(r + 1, [.. n]));
            r += 2;
        }

        r++;
        rows.Add(Line(r++, Text(1, r - 1, "Notes", Bold)));
        foreach (var note in BannerLayout.Notes(result, source))
        {
            rows.Add(Line(r, Text(1, r, note, Note)));
            r++;
        }

        var widths = new Columns(new Column { Min = 1, Max = 1, Width = 30, CustomWidth = true });
        for (var k = 0; k < columns.Count; k++)
        {
            var c = (uint)SheetColumn(k);
            widths.Append(new Column { Min = c, Max = c, Width = 11, CustomWidth = true });
            widths.Append(new Column { Min = c + 1, Max = c + 1, Width = 5, CustomWidth = true });
        }

        var sheet = new Worksheet(
            new SheetViews(new SheetView(new Pane { HorizontalSplit = 1, VerticalSplit = 6, TopLeftCell = "B7", ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen })
            { TabSelected = true, WorkbookViewId = 0 }),
            widths,
            new SheetData(rows));
        var mergeCells = new MergeCells();
        foreach (var range in merges.Where(m => m.Split(':')[0] != m.Split(':')[1]))
        {
            mergeCells.Append(new MergeCell { Reference = range });
        }

        sheet.Append(mergeCells);
        return sheet;
    }

    private static Worksheet CellsSheet(BannerResult result)
    {
        var rows = new List<Row> { Line(1, [.. BannerReport.CsvColumns.Select((name, k) => Text(k + 1, 1, name, Heading))]) };
        var level = result.Options.Level;
        var r = 2u;
        foreach (var cell in result.Cells)
        {
            var c = cell.Column;
            var values = new List<Cell>
            {
                Text(1, r, cell.Scenario, Plain), Text(2, r, c.Variable, Plain), Text(3, r, c.Level, Plain), Text(4, r, c.Letter, Plain),
                Number(5, r, cell.N, Integer),
            };
            if (cell.Net is { } net)
            {
                var ci = net.Interval(level);
                values.Add(Number(6, r, net.EffectiveN, Decimal1));
                values.Add(Number(7, r, net.Estimate, Decimal4));
                values.Add(Number(8, r, net.StandardError, Decimal4));
                values.Add(Number(9, r, ci.Lower, Decimal4));
                values.Add(Number(10, r, ci.Upper, Decimal4));
                values.Add(Number(11, r, cell.Helpful!.Estimate, Percent));
                values.Add(Number(12, r, cell.Creepy!.Estimate, Percent));
                values.Add(Text(13, r, BannerLayout.Letters(result, cell), Plain));
            }
            else
            {
                values.Add(Text(14, r, BannerLayout.Suppressed(result), Plain));
            }

            rows.Add(Line(r++, [.. values]));
        }

        return new Worksheet(
            new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
            new Columns(new Column { Min = 1, Max = 3, Width = 24, CustomWidth = true }, new Column { Min = 4, Max = 14, Width = 12, CustomWidth = true }),
            new SheetData(rows));
    }

    private static Row Line(uint index, params Cell[] cells) => new(cells) { RowIndex = index };

    private static Cell Text(int column, uint row, string text, uint style) => new()
    {
        CellReference = Reference(column, row),
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style,
    };

    private static Cell Number(int column, uint row, double value, uint style) => new()
    {
        CellReference = Reference(column, row),
        DataType = CellValues.Number,
        CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)),
        StyleIndex = style,
    };

    /// <summary>An A1 reference: column 1 is A, 27 is AA.</summary>
    internal static string Reference(int column, uint row) => Banner.Letter(column - 1) + row.ToString(CultureInfo.InvariantCulture);

    private static Stylesheet Stylesheet()
    {
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "+0.0;\"−\"0.0;0.0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0000" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "0.0" });
        var fonts = new Fonts(
            Font(false, false, 11, null),
            Font(true, false, 11, null),
            Font(true, false, 13, null),
            Font(false, true, 10, "FF555555"),
            Font(true, false, 10, "FF0B5394"),
            Font(false, false, 9, "FF777777"));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }) { PatternType = PatternValues.Solid }));
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Rgb = "FFBBBBBB" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()));
        var cellFormats = new CellFormats(
            Xf(0, 0, 0, 0),                                   // Plain
            Xf(0, 2, 0, 0),                                   // Title
            Xf(0, 1, 2, 1, HorizontalAlignmentValues.Center), // Heading
            Xf(164, 0, 0, 0),                                 // Points
            Xf(3, 0, 0, 0),                                   // Integer (#,##0)
            Xf(0, 4, 0, 0),                                   // Letters
            Xf(165, 0, 0, 0),                                 // Percent
            Xf(166, 0, 0, 0),                                 // Decimal4
            Xf(0, 3, 0, 0),                                   // Note
            Xf(0, 1, 0, 0),                                   // Bold
            Xf(167, 0, 0, 0),                                 // Decimal1
            Xf(3, 1, 0, 0),                                   // BoldInteger
            Xf(0, 5, 0, 0, HorizontalAlignmentValues.Right)); // Muted
        return new Stylesheet(formats, fonts, fills, borders, new CellStyleFormats(new CellFormat()), cellFormats);
    }

    private static Font Font(bool bold, bool italic, double size, string? color)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new DocumentFormat.OpenXml.Spreadsheet.Bold());
        }

        if (italic)
        {
            font.Append(new Italic());
        }

        font.Append(new FontSize { Val = size });
        if (color is not null)
        {
            font.Append(new Color { Rgb = color });
        }

        font.Append(new FontName { Val = "Calibri" });
        return font;
    }

    private static CellFormat Xf(uint numberFormat, uint font, uint fill, uint border, HorizontalAlignmentValues? alignment = null)
    {
        var format = new CellFormat
        {
            NumberFormatId = numberFormat, FontId = font, FillId = fill, BorderId = border, FormatId = 0,
            ApplyNumberFormat = numberFormat != 0, ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0,
        };
        if (alignment is { } a)
        {
            format.Append(new Alignment { Horizontal = a, WrapText = a == HorizontalAlignmentValues.Center });
            format.ApplyAlignment = true;
        }

        return format;
    }

    /// <summary>Copies the package's zip entries with one fixed time stamp, so the same banner gives the same bytes.</summary>
    private static void WithFixedTimestamps(MemoryStream package, Stream output)
    {
        package.Position = 0;
        using var source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }
}
