import Foundation
import EchtImaging

/// Splits a coarse person mask among the people whose faces were found, so one subject's
/// matte holds that person only: every mask cell goes to the face nearest to it along the
/// mask (a geodesic distance, so an arm reaching behind a neighbour stays with its owner),
/// measured in face widths (a nearer, larger person owns a larger body), starting from each
/// head and running cheaply downwards (a body hangs below its face) but dearly upwards,
/// beside the head and across colour edges (where one person's clothes meet another's).
/// Cells no face reaches (bystanders whose faces were not found) belong to nobody.
enum SubjectPartition {
    /// Cells at or above this value are surely person: steps through them cost their length.
    static let core: Float = 0.5
    /// Cells at or above this value are traversed (a neighbour's arm the model is unsure of still
    /// leads back to its owner); below `core` each step costs up to `1 + softCost` times more.
    static let reach: Float = 0.15
    /// Extra cost factor of a step through the faintest traversed cell.
    static let softCost: Float = 4
    /// How far above its face centre (in face heights) a person may reach: above their hair
    /// lies someone else (standing behind) or the background.
    static let ceiling: Float = 1.3
    /// Cells at or below this value are background and left as they are.
    static let background: Float = 0.02
    /// How far (in cells, 8-connected) the soft fringe reaches out from the core.
    static let fringeCells = 3
    /// Cost of a step down relative to a horizontal one of the same length.
    static let downWeight: Float = 0.2
    /// Cost of a step up relative to a horizontal one of the same length.
    static let upWeight: Float = 6
    /// Above the head's ellipse, within its width, through cells of the hair's colour, steps up
    /// cost this (relative to a horizontal step) instead of `upWeight`: hair piles up above the
    /// head (full curls rise far beyond the ellipse), and a neighbour standing behind reaches it
    /// only sideways or from above (`ceiling` still bounds it). Not for a face with someone far
    /// behind it (`HeadSpan.someoneFarBehind`), whose body fills the space above the head.
    static let crownUpWeight: Float = 1
    /// Largest sRGB distance from the hair's colour of a cell the hair's rise passes through.
    static let hairMatch: Float = 0.15
    /// Extra cost (in face widths) per unit of sRGB colour change between neighbouring cells.
    static let colourWeight: Float = 4
    /// Colour change between neighbouring cells that costs nothing (texture, noise).
    static let colourNoise: Float = 0.04
    /// Below the face centre by this many face heights the chin ends and the body may widen.
    static let shoulders: Float = 0.5
    /// Scale of the head ellipse within which hair is not `besideHead`.
    static let headRoom: Float = 1.2
    /// Cost factor of steps beside the head, from the brows to `shoulders` (outside `headRoom`).
    static let besideHeadCost: Float = 3
    /// Distance (in face widths) from a head's centre to its edge: heads are claimed first.
    static let headWeight: Float = 0.1
    /// Cost factor of steps beyond a turned face's outline on the side it looks towards
    /// (`HeadSpan`), from the forehead down to the mouth: a neighbour's body passing behind it.
    static let facingCost: Float = 30
    /// The same above the forehead, where the hair may sweep forward beyond the skull's arc.
    static let hairCost: Float = 10
    /// How far (in half face sizes around its centre clamped into the grid) a head outside the
    /// region looks for the cells where its body enters: farther in, the marked cells are someone
    /// else's body (at 3, the low-light photo's bald man took the subject's shoulder).
    static let outsideSearch = 2

    /// The mask (any size, covering photo rectangle `region`) with every cell that does not
    /// belong to face `subject` of `faces` (detection boxes in photo pixels) set to 0.
    /// `guide`, the region's sRGB colours at the mask's size (3 channels), makes colour edges
    /// (where one person's clothes meet another's) dear to cross.
    /// Returns all zeros when the subject's head lies on no cell the model marks.
    static func isolating(_ mask: Image, guide: Image? = nil, region: PixelRect, faces: [PixelRect], subject: Int) -> Image {
        let owners = owners(of: mask, guide: guide, region: region, faces: faces).owner
        var out = mask
        for i in out.pixels.indices where owners[i] != subject && out.pixels[i] > background { out.pixels[i] = 0 }
        return out
    }

    /// Per cell, the index of the face it belongs to, or -1 (background, or reached by no face),
    /// and that face's distance to it (infinity for the fringe and unowned cells).
    /// `spans`: per face (in the order of `faces`), its `HeadSpan` when it is turned aside with
    /// someone far behind it; none when empty.
    static func owners(of mask: Image, guide: Image? = nil, region: PixelRect, faces: [PixelRect],
                       spans: [HeadSpan?] = []) -> (owner: [Int], distance: [Float]) {
        let w = mask.width, h = mask.height, n = w * h
        let cellW = region.width / Float(w), cellH = region.height / Float(h)
        var owner = [Int](repeating: -1, count: n)
        var best = [Float](repeating: .infinity, count: n)
        // Each face's distances at once; the nearest face is then chosen in face order.
        let maps = Concurrently.map(faces.count) { k in
            let box = faces[k], others = faces.enumerated().filter { $0.offset != k }.map(\.element)
            return distances(mask: mask, guide: guide, cellW: cellW, cellH: cellH, region: region, face: box,
                             span: k < spans.count ? spans[k] : nil,
                             crown: !HeadSpan.someoneFarBehind(box, among: others),
                             withinBody: besideNearerBody(of: box, among: others))
        }
        for (k, d) in maps.enumerated() {
            for i in 0..<n where d[i] < best[i] { best[i] = d[i]; owner[i] = k }
        }
        // Doubtful cells beside a head that its owner reaches only the long way belong to nobody.
        dropFarDoubts(owner: &owner, distance: best, mask: mask, region: region, faces: faces)
        // The faint fringe (background < value < reach) within `fringeCells` of a reached cell
        // follows the nearest one, whoever owns it; a wide soft area (a person the model is unsure of,
        // half hidden behind the subject) belongs to nobody.
        var queue: [Int] = []
        var reached = [Bool](repeating: false, count: n), depth = [Int](repeating: 0, count: n)
        for i in 0..<n where mask.pixels[i] >= reach { reached[i] = true; queue.append(i) }
        var head = 0
        while head < queue.count {
            let i = queue[head]; head += 1
            guard depth[i] < fringeCells else { continue }
            forEachNeighbour(of: i, width: w, height: h) { j in
                if !reached[j] && mask.pixels[j] > background {
                    reached[j] = true; owner[j] = owner[i]; depth[j] = depth[i] + 1; queue.append(j)
                }
            }
        }
        // Someone far behind a turned face passes behind it on the side it looks to, and on below
        // the mouth, where the face's own shoulder may rise too: there colour tells them apart.
        if let guide {
            for (k, span) in spans.enumerated() where k < faces.count {
                guard let span else { continue }
                continueBehind(span, of: k, faces: faces, owner: &owner, mask: mask, guide: guide, region: region)
            }
        }
        // A face's share is what hangs together with its head: an island cut off by someone
        // else's cells (a patch on a neighbour's sleeve) goes back to nobody.
        for k in faces.indices { dropIslands(of: k, owner: &owner, distance: best, width: w, height: h) }
        return (owner, best)
    }

    /// Calls `body` with cell `i` and each of its 8 neighbours inside a `w`×`h` grid, row by row.
    @inline(__always)
    static func forEachNeighbour(of i: Int, width w: Int, height h: Int, _ body: (Int) -> Void) {
        let x = i % w, y = i / w
        for yy in max(0, y - 1)...min(h - 1, y + 1) {
            for xx in max(0, x - 1)...min(w - 1, x + 1) { body(yy * w + xx) }
        }
    }

    /// Sets to -1 every cell of face `k` not 8-connected, through `k`'s own cells, to its head
    /// (its cells at most `headWeight` from it).
    static func dropIslands(of k: Int, owner: inout [Int], distance: [Float], width w: Int, height h: Int) {
        var kept = [Bool](repeating: false, count: w * h)
        var stack = (0..<(w * h)).filter { owner[$0] == k && distance[$0] <= headWeight }
        for i in stack { kept[i] = true }
        while let i = stack.popLast() {
            forEachNeighbour(of: i, width: w, height: h) { j in
                if !kept[j] && owner[j] == k { kept[j] = true; stack.append(j) }
            }
        }
        guard kept.contains(true) else { return }
        for i in 0..<(w * h) where owner[i] == k && !kept[i] { owner[i] = -1 }
    }

    /// The cells of `mask` above `background` not 8-connected to a `head` cell through such
    /// cells (none when no head cell is left).
    static func cutOff(_ mask: Image, head: [Bool]) -> [Int] {
        let w = mask.width, h = mask.height
        var kept = [Bool](repeating: false, count: w * h)
        var stack = (0..<(w * h)).filter { head[$0] && mask.pixels[$0] > background }
        guard !stack.isEmpty else { return [] }
        for i in stack { kept[i] = true }
        while let i = stack.popLast() {
            forEachNeighbour(of: i, width: w, height: h) { j in
                if !kept[j] && mask.pixels[j] > background { kept[j] = true; stack.append(j) }
            }
        }
        return (0..<(w * h)).filter { !kept[$0] && mask.pixels[$0] > background }
    }

    /// Geodesic distance in face widths from `face`'s head to every traversed cell (infinity elsewhere).
    /// The head (an ellipse around the face box, reaching up over the hair) is claimed first:
    /// a visible head is in front of whatever lies behind it. From there, steps down cost
    /// `downWeight` and steps up `upWeight` of a horizontal step: a body hangs below its head,
    /// and what lies above a head belongs to someone else, but for the hair rising straight above
    /// it (`crownUpWeight`; not with `crown` false: someone stands far behind, whose body fills
    /// the space above the head). With `span` (a turned face), the head
    /// ends at the face's outline on the side it looks towards, and steps beyond the outline
    /// above the mouth cost `hairCost` or `facingCost` times more. With `withinBody` (a small face
    /// beside a much nearer person's body, `besideNearerBody`), no cell above the shoulders
    /// outside the head's `headRoom` ellipse is reached.
    static func distances(mask: Image, guide: Image?, cellW: Float, cellH: Float, region: PixelRect, face: PixelRect,
                          span: HeadSpan? = nil, crown: Bool = true, withinBody: Bool = false) -> [Float] {
        let w = mask.width, h = mask.height
        let scale = max(face.width, face.height, 1)
        let stepX = cellW / scale, down = cellH * downWeight / scale, up = cellH * upWeight / scale
        let downDiagonal = (stepX * stepX + down * down).squareRoot(), upDiagonal = (stepX * stepX + up * up).squareRoot()
        let crownUp = cellH * crownUpWeight / scale, crownUpDiagonal = (stepX * stepX + crownUp * crownUp).squareRoot()
        var dist = [Float](repeating: .infinity, count: w * h)
        var heap = CellHeap()
        let c = face.center
        let ax = face.width * 0.6, above = face.height * 0.85, below = face.height * 0.6
        let top = max(0, Int(((c.y - ceiling * face.height) - region.minY) / cellH))
        // Beside the head (from the brows to below the chin) lies someone else's body more often
        // than one's own.
        let shoulderRow = Int(((c.y + shoulders * face.height) - region.minY) / cellH)
        let eyeRow = Int(((c.y - 0.3 * face.height) - region.minY) / cellH)
        func besideHead(_ x: Int, _ y: Int) -> Bool {
            guard y >= eyeRow, y < shoulderRow else { return false }
            let py = region.minY + (Float(y) + 0.5) * cellH, ry = (py - c.y) / (py < c.y ? above : below)
            let rx = (region.minX + (Float(x) + 0.5) * cellW - c.x) / ax
            return rx * rx + ry * ry > headRoom * headRoom
        }
        // A small face far behind a nearer person's body (`withinBody`) reaches nothing above its
        // shoulders beyond its head: that is the nearer person's chest and arm.
        func outsideHead(_ x: Int, _ y: Int) -> Bool {
            guard withinBody, y < shoulderRow else { return false }
            let py = region.minY + (Float(y) + 0.5) * cellH, ry = (py - c.y) / (py < c.y ? above : below)
            let rx = (region.minX + (Float(x) + 0.5) * cellW - c.x) / ax
            return rx * rx + ry * ry > headRoom * headRoom
        }
        // Above the head's ellipse and within its width, where the colour is the hair's: the
        // hair's rise (`crownUpWeight`). The hair's colour: the mean of the head's sure cells
        // above the face box.
        let crownRow = Int(((c.y - above) - region.minY) / cellH)
        var hair = SIMD3<Float>(repeating: 0), hairCells: Float = 0
        if crown, let guide {
            let boxRow = Int((face.minY - region.minY) / cellH)
            for y in max(0, crownRow)..<max(0, crownRow, min(h, boxRow)) {
                let py = region.minY + (Float(y) + 0.5) * cellH, ry = (py - c.y) / above
                for x in 0..<w where mask.pixels[y * w + x] >= core {
                    let rx = (region.minX + (Float(x) + 0.5) * cellW - c.x) / ax
                    guard rx * rx + ry * ry <= 1 else { continue }
                    let k = (y * w + x) * 3
                    hair += SIMD3(guide.pixels[k], guide.pixels[k + 1], guide.pixels[k + 2]); hairCells += 1
                }
            }
        }
        if hairCells > 0 { hair /= hairCells }
        func aboveHead(_ x: Int, _ y: Int) -> Bool {
            guard hairCells > 0, let guide, y < crownRow, abs(region.minX + (Float(x) + 0.5) * cellW - c.x) <= ax else { return false }
            let k = (y * w + x) * 3
            let e = SIMD3(guide.pixels[k], guide.pixels[k + 1], guide.pixels[k + 2]) - hair
            return (e * e).sum() <= hairMatch * hairMatch
        }
        // A turned face's outline on the side it looks towards (see `HeadSpan`).
        let outline = span?.outline(rows: h, top: region.minY, cellH: cellH, centre: c, above: above)
        let forehead = span?.topY ?? 0
        func beyondFace(_ x: Int, _ y: Int) -> Bool {
            guard let span, let outline else { return false }
            let px = region.minX + (Float(x) + 0.5) * cellW
            return span.side < 0 ? px < outline[y] : px > outline[y]
        }
        func beforeFace(_ x: Int, _ y: Int) -> Float {
            guard let span, beyondFace(x, y) else { return 1 }
            let py = region.minY + (Float(y) + 0.5) * cellH
            return py < forehead ? hairCost : py < span.mouthY ? facingCost : 1
        }
        // The head's cells, nearest its centre first.
        for y in 0..<h {
            let py = region.minY + (Float(y) + 0.5) * cellH, ry = (py - c.y) / (py < c.y ? above : below)
            guard abs(ry) <= 1 else { continue }
            for x in 0..<w where mask.pixels[y * w + x] >= reach {
                let px = region.minX + (Float(x) + 0.5) * cellW
                if beyondFace(x, y) { continue }
                let rx = (px - c.x) / ax
                let r = (rx * rx + ry * ry).squareRoot()
                if r <= 1 { dist[y * w + x] = headWeight * r; heap.push(headWeight * r, y * w + x) }
            }
        }
        let outside = c.x < region.minX || c.x >= region.maxX || c.y < region.minY || c.y >= region.maxY
        if heap.isEmpty && outside {
            // A head outside the region: core cells around its centre clamped into the grid (where
            // its body enters), starting at their own distance from it. A head inside the region
            // that the model does not mark owns nothing: the marked cells nearest it are someone
            // else's (a subject's shoulder beside a dim face behind it).
            let gx = min(max(Int((c.x - region.minX) / cellW), 0), w - 1), gy = min(max(Int((c.y - region.minY) / cellH), 0), h - 1)
            let rx = max(1, Int(face.width / 2 / cellW)), ry = max(1, Int(face.height / 2 / cellH))
            for grow in 1...outsideSearch where heap.isEmpty {
                for y in max(0, gy - ry * grow)...min(h - 1, gy + ry * grow) {
                    for x in max(0, gx - rx * grow)...min(w - 1, gx + rx * grow) where mask.pixels[y * w + x] >= reach {
                        let dx = (region.minX + (Float(x) + 0.5) * cellW - c.x) / scale
                        let py = region.minY + (Float(y) + 0.5) * cellH
                        let dy = (py - c.y) * (py < c.y ? upWeight : downWeight) / scale
                        let d = headWeight + (dx * dx + dy * dy).squareRoot()
                        if d < dist[y * w + x] { dist[y * w + x] = d; heap.push(d, y * w + x) }
                    }
                }
            }
        }
        // What a step into each cell costs besides its length and colour edge, found once per
        // cell (the search steps into most cells several times): whether it may be entered at
        // all, whether it is the hair's rise, and the factors of its softness, of lying beside
        // the head and of lying before a turned face.
        var enterable = [Bool](repeating: false, count: w * h), rise = enterable, beside = enterable
        var soft = [Float](repeating: 1, count: w * h), before = soft
        for yy in min(max(0, top), h)..<h {
            for xx in 0..<w {
                let j = yy * w + xx, p = mask.pixels[j]
                guard p >= reach, !outsideHead(xx, yy) else { continue }
                enterable[j] = true
                rise[j] = aboveHead(xx, yy)
                soft[j] = 1 + softCost * max(0, core - p) / core
                beside[j] = besideHead(xx, yy)
                before[j] = beforeFace(xx, yy)
            }
        }
        while let (d, i) = heap.pop() {
            guard d <= dist[i] else { continue }
            let x = i % w, y = i / w
            for dy in -1...1 {
                for dx in -1...1 where dx != 0 || dy != 0 {
                    let xx = x + dx, yy = y + dy
                    guard xx >= 0, yy >= top, xx < w, yy < h else { continue }
                    let j = yy * w + xx
                    guard enterable[j] else { continue }
                    var step = dy == 0 ? stepX : dx == 0 ? (dy > 0 ? down : up) : (dy > 0 ? downDiagonal : upDiagonal)
                    if dy < 0 && rise[j] { step = dx == 0 ? crownUp : crownUpDiagonal }
                    if let guide {
                        // Crossing a colour edge (one person's clothes to another's) costs extra.
                        var change: Float = 0
                        for k in 0..<3 { let e = guide.pixels[j * 3 + k] - guide.pixels[i * 3 + k]; change += e * e }
                        step += colourWeight * max(0, change.squareRoot() - colourNoise)
                    }
                    step *= soft[j]
                    if beside[j] { step *= besideHeadCost }
                    step *= before[j]
                    if d + step < dist[j] { dist[j] = d + step; heap.push(d + step, j) }
                }
            }
        }
        return dist
    }
}
