//! `quire new`: every starting file builds and checks cleanly.
