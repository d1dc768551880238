"""Excel and PDF reports and the figures behind them."""
