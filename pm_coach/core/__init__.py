"""Pure logic over models: no printing, no files, no clock (callers pass ``today``)."""
