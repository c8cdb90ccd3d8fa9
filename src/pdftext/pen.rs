//! Where a PDF's text is drawn, followed as a viewer follows it, so that the breaks
//! between words are read from the page as a reader sees them.
//!
//! A PDF holds no words, only glyphs and where to draw them. Writers place text very
//! differently: typst draws a line as one run, spaces included; Chrome's "Save as PDF"
//! places every glyph with a move of its own (`12.43 0 Td <0048> Tj`); others place each
//! word and draw no space at all. Counting every move as a space read Chrome's files as
//! single letters, so no withheld phrase in them could ever be found. A move is a space
//! only when it leaves a gap on the page: the pen is followed through every move and
//! glyph (with the font's widths), and a run of glyphs that starts away from where the
//! last one ended, on another line or further along than [`GAP`] of an em, starts a
//! new word. pdftotext reads words the same way.

/// A PDF transformation matrix `[a b c d e f]`.
pub type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// The widest gap, in ems, that still joins two runs of glyphs into one word: above
/// the kerning writers use (a tenth of an em at most), below the narrowest space of a
/// text face (a fifth of an em).
pub const GAP: f64 = 0.15;

/// The widest gap, in ems, inside a line of letter-spaced text: a gap wider than this
/// is never inside a word (another column, a table's next cell).
pub const FAR: f64 = 1.5;

/// `a × b`: the transformation `a`, then `b`.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn translate(tx: f64, ty: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

/// The graphics and text state that decides where a glyph lands.
#[derive(Debug, Clone)]
pub struct Pen {
    ctm: Matrix,
    saved: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    /// Font size (`Tf`), character and word spacing (`Tc`, `Tw`), horizontal scale
    /// (`Tz`, as a fraction) and leading (`TL`).
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    /// Where the last glyph drawn ended, on the page, or, if its font's widths are
    /// unknown, where its run started (see `measured`).
    end: Option<(f64, f64)>,
    /// Whether `end` is where the last glyph ended.
    measured: bool,
    /// The size of an em on the page where the last glyph was drawn.
    last_em: f64,
    /// The size of an em of the marker being drawn, while one is (see [`Pen::note`]).
    note_em: Option<f64>,
    /// Whether the pen was moved (not by drawing) since the last glyph: what a reading
    /// without the font's widths has to go on.
    pub moved: bool,
}

impl Default for Pen {
    fn default() -> Pen {
        Pen {
            ctm: IDENTITY,
            saved: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            end: None,
            measured: false,
            last_em: 0.0,
            note_em: None,
            moved: false,
        }
    }
}

impl Pen {
    /// `q`: saves the graphics state (a hostile file may save without end: at most a
    /// few thousand are kept, as viewers do).
    pub fn save(&mut self) {
        if self.saved.len() < 4096 {
            self.saved.push(self.ctm);
        }
    }

    /// `Q`.
    pub fn restore(&mut self) {
        if let Some(m) = self.saved.pop() {
            self.ctm = m;
        }
    }

    /// `cm`.
    pub fn concat(&mut self, m: Matrix) {
        self.ctm = mul(&m, &self.ctm);
    }

    /// `BT`.
    pub fn begin_text(&mut self) {
        self.tm = IDENTITY;
        self.tlm = IDENTITY;
        self.moved = true;
    }

    /// `ET`, or anything else that ends a run of text without moving the pen.
    pub fn end_text(&mut self) {
        self.moved = true;
    }

    /// `Tf`'s size.
    pub fn set_size(&mut self, size: f64) {
        self.size = size;
    }

    pub fn set_char_spacing(&mut self, tc: f64) {
        self.tc = tc;
    }

    pub fn set_word_spacing(&mut self, tw: f64) {
        self.tw = tw;
    }

    /// `Tz`, in percent.
    pub fn set_scale(&mut self, percent: f64) {
        self.th = percent / 100.0;
    }

    pub fn set_leading(&mut self, tl: f64) {
        self.tl = tl;
    }

    /// `Td`.
    pub fn move_line(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&translate(tx, ty), &self.tlm);
        self.tm = self.tlm;
        self.moved = true;
    }

    /// `T*`, and the move `'` and `"` make before drawing.
    pub fn next_line(&mut self) {
        self.move_line(0.0, -self.tl);
    }

    /// `Tm`.
    pub fn set_matrix(&mut self, m: Matrix) {
        self.tm = m;
        self.tlm = m;
        self.moved = true;
    }

    /// Where a run of glyphs drawn now starts against where the last one ended: how far
    /// along the line and across it, and the size of an em there, all on the page.
    /// `None` before any glyph, or if the file makes it impossible to measure (no
    /// size, a matrix that flattens the text).
    fn gap(&self) -> Option<(f64, f64, f64)> {
        let (ex, ey) = self.end?;
        let m = mul(&self.tm, &self.ctm);
        let em = self.size.abs() * m[2].hypot(m[3]);
        let base = m[0].hypot(m[1]);
        if !(em > 0.0 && base > 0.0 && em.is_finite() && base.is_finite()) {
            return None;
        }
        let (dx, dy) = (m[4] - ex, m[5] - ey);
        let (ux, uy) = (m[0] / base, m[1] / base);
        let along = dx * ux + dy * uy;
        let across = dy * ux - dx * uy;
        (along.is_finite() && across.is_finite()).then_some((along, across, em))
    }

    /// Whether a run of glyphs drawn now starts a new word: it starts on another line
    /// than the last glyph ended on, further along it than [`GAP`] of an em, or back
    /// before it by more than an em (another column, text drawn out of order). Where
    /// the last glyph's end is not known, or cannot be measured, wherever the pen moved.
    pub fn breaks(&self) -> bool {
        match self.gap() {
            Some((along, across, em)) if self.measured => {
                across.abs() > 0.5 * em || along > GAP * em || along < -em
            }
            Some(_) | None if self.end.is_some() => self.moved,
            _ => false,
        }
    }

    /// Whether a run of glyphs drawn now starts on another line than the last one, or
    /// far from it on the same line (see [`FAR`]): the only breaks of the reading that
    /// trusts the spaces a writer draws (Chrome draws every space, and places letter-
    /// spaced text with gaps wider than [`GAP`] between the letters of a word).
    pub fn parts_lines(&self) -> bool {
        match self.gap() {
            Some((along, across, em)) => {
                across.abs() > 0.5 * em || (self.measured && (along < -em || along > FAR * em))
            }
            None => self.end.is_some() && self.moved,
        }
    }

    /// How far, in ems, a run of glyphs drawn now starts after the last glyph ended, if
    /// it goes on the same line (not far back) and the last glyph's end is known.
    pub fn gap_in_ems(&self) -> Option<f64> {
        let (along, across, em) = self.gap().filter(|_| self.measured)?;
        (across.abs() <= 0.5 * em && along >= -em).then_some(along / em)
    }

    /// Whether a run of glyphs drawn now is a marker set raised or lowered beside the
    /// text, as a footnote's or an endnote's is ("Quokkaplex¹", "Quokkaplexⁱᵛ"): smaller
    /// than the glyph before it, and raised or lowered where that glyph ended, or going
    /// on along the same line at the size of such a run ("1" then ",2"). Word's PDF
    /// export draws them so.
    pub fn note(&mut self) -> bool {
        let Some((along, across, em)) = self.gap().filter(|_| self.measured) else {
            self.note_em = None;
            return false;
        };
        let starts = em < 0.9 * self.last_em
            && along.abs() <= GAP * em
            && across.abs() >= 0.1 * em
            && across.abs() <= 0.6 * self.last_em;
        let goes_on = self.note_em.is_some_and(|n| (em - n).abs() <= 0.05 * n)
            && across.abs() <= 0.5 * em
            && (-em..=FAR * em).contains(&along);
        let note = starts || goes_on;
        self.note_em = note.then_some(em);
        note
    }

    /// Whether a run of glyphs drawn now starts on another line than the last glyph
    /// (a word hyphenated at the end of that line may go on in it).
    pub fn new_line(&self) -> bool {
        self.gap()
            .is_some_and(|(_, across, em)| across.abs() > 0.5 * em)
    }

    /// Moves the pen past one glyph `width` thousandths of an em wide; `space` for the
    /// single-byte code 32, which word spacing widens.
    pub fn advance(&mut self, width: f64, space: bool) {
        let word = if space { self.tw } else { 0.0 };
        let tx = (width / 1000.0 * self.size + self.tc + word) * self.th;
        self.tm = mul(&translate(tx, 0.0), &self.tm);
    }

    /// A number in a `TJ` array: moves the pen back by `n` thousandths of an em.
    pub fn adjust(&mut self, n: f64) {
        let tx = -n / 1000.0 * self.size * self.th;
        self.tm = mul(&translate(tx, 0.0), &self.tm);
    }

    /// Notes where the glyphs just drawn end: `measured` if their widths were known,
    /// else where they started (the line they are on is known all the same).
    pub fn drew(&mut self, measured: bool) {
        let m = mul(&self.tm, &self.ctm);
        self.end = Some((m[4], m[5]));
        self.last_em = self.size.abs() * m[2].hypot(m[3]);
        self.measured = measured;
        self.moved = false;
    }

    /// Forgets where the last glyph ended (text of a form, drawn in its own space).
    pub fn lost(&mut self) {
        self.end = None;
        self.moved = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pen at 10 points, as Chrome places text: `1 0 0 -1 x y Tm`, then `w 0 Td` for
    /// each glyph.
    fn chrome() -> Pen {
        let mut p = Pen::default();
        p.concat([0.24, 0.0, 0.0, -0.24, 0.0, 792.0]);
        p.begin_text();
        p.set_size(10.0);
        p.set_matrix([1.0, 0.0, 0.0, -1.0, 8.0, 42.0]);
        p
    }

    #[test]
    fn a_glyph_placed_where_the_last_ended_joins_its_word() {
        let mut p = chrome();
        p.advance(500.0, false);
        p.drew(true);
        // Chrome's move to the next glyph: its width, 5 units at 10 points.
        p.move_line(5.0, 0.0);
        assert!(!p.breaks());
    }

    #[test]
    fn a_gap_or_a_new_line_starts_a_word() {
        let mut p = chrome();
        p.advance(500.0, false);
        p.drew(true);
        // A space's width (a quarter of an em) further on.
        p.move_line(5.0 + 2.5, 0.0);
        assert!(p.breaks());
        let mut p = chrome();
        p.advance(500.0, false);
        p.drew(true);
        p.set_matrix([1.0, 0.0, 0.0, -1.0, 8.0, 85.0]);
        assert!(p.breaks());
    }

    #[test]
    fn kerning_in_a_run_does_not_break_it_but_a_wide_adjustment_does() {
        let mut p = chrome();
        p.advance(600.0, false);
        p.drew(true);
        p.adjust(80.0);
        assert!(!p.breaks());
        p.adjust(-250.0);
        assert!(p.breaks());
    }

    #[test]
    fn character_and_word_spacing_move_the_pen() {
        let mut p = chrome();
        p.set_char_spacing(1.0);
        p.advance(500.0, false);
        p.drew(true);
        // Drawn from where the spaced glyph ends: no gap.
        p.move_line(6.0, 0.0);
        assert!(!p.breaks());
    }

    #[test]
    fn what_cannot_be_measured_breaks_only_where_the_pen_moved() {
        let mut p = chrome();
        p.set_size(0.0);
        p.advance(500.0, false);
        p.drew(true);
        assert!(!p.breaks());
        p.move_line(5.0, 0.0);
        assert!(p.breaks());
        let mut p = chrome();
        p.advance(500.0, false);
        p.drew(true);
        p.set_matrix([f64::NAN, 0.0, 0.0, 1.0, 0.0, 0.0]);
        assert!(p.breaks());
    }

    #[test]
    fn letter_spaced_glyphs_part_lines_only() {
        // A fifth of an em between the letters of a word, as CSS letter-spacing gives.
        let mut p = chrome();
        p.advance(500.0, false);
        p.drew(true);
        p.move_line(5.0 + 2.0, 0.0);
        assert!(p.breaks());
        assert!(!p.parts_lines());
        p.set_matrix([1.0, 0.0, 0.0, -1.0, 8.0, 85.0]);
        assert!(p.parts_lines());
    }

    #[test]
    fn a_run_of_unknown_widths_still_tells_its_line() {
        let mut p = chrome();
        p.advance(0.0, false);
        p.drew(false);
        p.move_line(30.0, 0.0);
        assert!(p.breaks(), "the pen moved");
        assert!(!p.parts_lines(), "on the same line");
        p.set_matrix([1.0, 0.0, 0.0, -1.0, 8.0, 85.0]);
        assert!(p.parts_lines());
    }

    #[test]
    fn a_gap_is_measured_in_ems_on_its_line_only() {
        let mut p = chrome();
        p.advance(500.0, false);
        p.drew(true);
        p.move_line(5.0 + 2.5, 0.0);
        assert!((p.gap_in_ems().unwrap() - 0.25).abs() < 1e-9);
        p.set_matrix([1.0, 0.0, 0.0, -1.0, 8.0, 85.0]);
        assert_eq!(p.gap_in_ems(), None);
    }

    #[test]
    fn a_new_line_is_told_from_a_gap() {
        let mut p = chrome();
        p.advance(500.0, false);
        p.drew(true);
        p.move_line(20.0, 0.0);
        assert!(!p.new_line());
        p.set_matrix([1.0, 0.0, 0.0, -1.0, 8.0, 85.0]);
        assert!(p.new_line());
    }

    #[test]
    fn the_graphics_state_is_saved_and_restored() {
        let mut p = Pen::default();
        p.save();
        p.concat([2.0, 0.0, 0.0, 2.0, 10.0, 10.0]);
        p.restore();
        assert_eq!(p.ctm, IDENTITY);
        p.restore();
        assert_eq!(p.ctm, IDENTITY);
    }
}
