"""Analytics: the report over the analyst views and the GDELT/Parquet/CSV export."""
