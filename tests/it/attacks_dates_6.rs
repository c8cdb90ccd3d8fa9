//! Round 8f: attacks on the leak gate's titles and dates (module docs to come).
