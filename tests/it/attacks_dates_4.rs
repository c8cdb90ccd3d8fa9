//! Round 8d: attacks on which meeting and day the leak gate gives a paper (see the
//! module docs once written).
