//! Round 8e: attacks on the leak gate's dating of titles and minute papers (module docs to come).
