// Every figure is built with the chart-specification helpers and formats numbers with the invariant culture.
global using System.Globalization;
global using static NetHelpfulness.Figures.ChartSpec;
