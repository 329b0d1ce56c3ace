extension EdgeFringe {
    /// A rectangle of the frame, `x0..<x1` by `y0..<y1`, that a step of the fringe correction
    /// works on instead of the whole frame, with its own row-major pixel layout.
    struct Window: Equatable {
        /// The left and top edges (inclusive) and the right and bottom ones (exclusive).
        var x0, y0, x1, y1: Int

        /// The columns, the rows and the pixels it holds.
        var width: Int { x1 - x0 }
        var height: Int { y1 - y0 }
        var count: Int { width * height }

        /// The smallest window holding the pixels at `indices` of a frame `width` pixels wide
        /// (at least one).
        init(bounding indices: [Int], width: Int) {
            precondition(!indices.isEmpty, "a bounding window needs a pixel")
            var box = Window(x0: indices[0] % width, y0: indices[0] / width, x1: indices[0] % width + 1, y1: indices[0] / width + 1)
            for i in indices { box = box.including(i % width, i / width) }
            self = box
        }

        /// A window from its edges.
        init(x0: Int, y0: Int, x1: Int, y1: Int) { self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1 }

        /// The index in the window's own layout of frame pixel (`x`, `y`), which it holds.
        @inline(__always)
        func index(_ x: Int, _ y: Int) -> Int { (y - y0) * width + x - x0 }

        /// This window grown to hold frame pixel (`x`, `y`).
        func including(_ x: Int, _ y: Int) -> Window {
            Window(x0: min(x0, x), y0: min(y0, y), x1: max(x1, x + 1), y1: max(y1, y + 1))
        }

        /// This window with `margin` pixels more on every side.
        func grown(by margin: Int) -> Window { Window(x0: x0 - margin, y0: y0 - margin, x1: x1 + margin, y1: y1 + margin) }

        /// The part of this window inside `other`.
        func clipped(to other: Window) -> Window {
            Window(x0: max(x0, other.x0), y0: max(y0, other.y0), x1: min(x1, other.x1), y1: min(y1, other.y1))
        }

        /// This window grown to whole `factor`×`factor` blocks of `frame`'s grid (blocks start at
        /// multiples of `factor` from its origin, 0; the last may be cut by its far edges).
        func aligned(to factor: Int, within frame: Window) -> Window {
            Window(x0: x0 / factor * factor, y0: y0 / factor * factor,
                   x1: min((x1 + factor - 1) / factor * factor, frame.x1), y1: min((y1 + factor - 1) / factor * factor, frame.y1))
        }
    }
}
