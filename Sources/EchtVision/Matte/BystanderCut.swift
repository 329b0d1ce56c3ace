import EchtImaging

/// Where a blurred bystander ends and the subject begins, at the pixel level of the defocus
/// map's grid rather than its cells (which leave cell-shaped steps and fragments).
///
/// The bystander's cells (`DefocusedBystanders`) seed one front, the subject's person pixels a
/// few cells away from them seed another; the band between them goes to the front that
/// reaches it first. The bystander's front runs freely through blur and flat areas but
/// dearly through sharp pixels (a step across the whole local contrast within a pixel or
/// two: the subject's in-focus outline, hair and beard); the subject's front runs freely
/// through sharp and flat pixels but more dearly through soft ones (blur is someone else).
/// So the cut follows the subject's outline where it is sharp, and where it is not (a black
/// jacket before dark blur) it lies between the two, not deep in either.
enum BystanderCut {
    /// Person pixels at most this many cells from a bystander's cell are undecided; farther
    /// ones are the subject's.
    static let bandCells = 3
    /// Pixels of a bystander's cell at most this many cells from the subject's person pixels are
    /// undecided (a cell may straddle the outline); farther ones are the bystander's.
    static let giveBackCells = 1
    /// Half side (grid pixels) of the window whose luminance range is a pixel's local contrast.
    static let window = 3
    /// The ellipse inscribed in the face box, scaled by this, is the subject's whatever it holds.
    static let faceCore: Float = 0.6
    /// Local contrast (sRGB levels) below which a pixel is flat: neither sharp nor soft.
    static let flatContrast: Float = 16
    /// Gradient / local contrast over which a pixel goes from soft (0) to sharp (1).
    static let sharpRatio: ClosedRange<Float> = 0.15...0.3
    /// Extra cost for the bystander's front of a step into a fully sharp pixel.
    static let bystanderSharpCost: Float = 30
    /// Extra cost for the subject's front of a step into a fully soft pixel.
    static let subjectSoftCost: Float = 2
    /// Half side (grid pixels) of the window over which the cut's outline is smoothed.
    static let smoothing = 5

    /// Per pixel of `map`'s grid, whether it belongs to the bystanders of `cells` (per map
    /// cell, `DefocusedBystanders.bystanderCells`). `person` marks the grid's person pixels
    /// (the subject's share of the mask); `face` is the subject's face box in grid pixels,
    /// always the subject's.
    /// Also returns each grid pixel's `sharpness`.
    static func removed(cells: [Bool], person: [Bool], map: DefocusMap,
                        face: (x0: Int, y0: Int, x1: Int, y1: Int)) -> (removed: [Bool], sharpness: [Float]) {
        let w = map.gridWidth, h = map.gridHeight, n = w * h, side = DefocusMap.cellPixels
        var inBystander = [Bool](repeating: false, count: n)
        for y in 0..<h {
            let cy = min(y / side, map.height - 1)
            for x in 0..<w where person[y * w + x] && cells[cy * map.width + min(x / side, map.width - 1)] {
                inBystander[y * w + x] = true
            }
        }
        let subject = (0..<n).map { person[$0] && !inBystander[$0] }
        // The two distance maps and the grid's sharpness are independent: they run at once.
        let (toBystander, toSubject, sharp) = Concurrently.run({ DistanceField.chamfer(inBystander.map { !$0 }, width: w, height: h) },
                                                               { DistanceField.chamfer(subject.map { !$0 }, width: w, height: h) },
                                                               { sharpness(map) })
        // Seeds: 1 bystander, 2 subject, 0 undecided (person pixels only).
        var seed = [UInt8](repeating: 0, count: n)
        for i in 0..<n where person[i] {
            let x = i % w, y = i / w
            let fx = (Float(2 * x - face.x0 - face.x1)) / Float(max(1, face.x1 - face.x0))
            let fy = (Float(2 * y - face.y0 - face.y1)) / Float(max(1, face.y1 - face.y0))
            if fx * fx + fy * fy <= faceCore * faceCore { seed[i] = 2; continue }
            if inBystander[i] {
                if toSubject[i] > Float(giveBackCells * side) { seed[i] = 1 }
            } else if toBystander[i] > Float(bandCells * side) {
                seed[i] = 2
            }
        }
        let bystanderCost = sharp.map { $0 < 0 ? 1 : 1 + bystanderSharpCost * $0 }
        let subjectCost = sharp.map { $0 < 0 ? 1 : 1 + subjectSoftCost * (1 - $0) }
        let (fromBystander, fromSubject) = Concurrently.run(
            { geodesic(seeds: seed.map { $0 == 1 }, passable: person, cost: bystanderCost, width: w, height: h) },
            { geodesic(seeds: seed.map { $0 == 2 }, passable: person, cost: subjectCost, width: w, height: h) })
        let raw = (0..<n).map { person[$0] && seed[$0] != 2 && fromBystander[$0] < fromSubject[$0] }
        return (smoothed(raw, person: person, width: w, height: h, radius: smoothing), sharp)
    }

    /// `removed` with its outline smoothed: a person pixel goes where most of the person pixels
    /// of the (2·radius+1)² window around it go (the cut's single-pixel jags, from noise in the
    /// blur, would otherwise become a ragged edge).
    static func smoothed(_ removed: [Bool], person: [Bool], width w: Int, height h: Int, radius r: Int) -> [Bool] {
        guard r > 0 else { return removed }
        var gone = [Float](repeating: 0, count: w * h), all = gone
        for i in 0..<(w * h) where person[i] { all[i] = 1; if removed[i] { gone[i] = 1 } }
        let goneSum = Raster(width: w, height: h, channels: 1, values: gone).boxBlurred(radius: r).values
        let allSum = Raster(width: w, height: h, channels: 1, values: all).boxBlurred(radius: r).values
        return (0..<(w * h)).map { person[$0] && goneSum[$0] > 0.5 * allSum[$0] }
    }

    /// Per grid pixel, how sharp it is (0 soft ... 1 sharp), or −1 where it is flat.
    static func sharpness(_ map: DefocusMap) -> [Float] {
        let w = map.gridWidth, h = map.gridHeight
        let high = slidingExtreme(map.luma, width: w, height: h, radius: window, max: true)
        let low = slidingExtreme(map.luma, width: w, height: h, radius: window, max: false)
        let lo = sharpRatio.lowerBound, span = sharpRatio.upperBound - sharpRatio.lowerBound
        return (0..<(w * h)).map { i in
            let contrast = high[i] - low[i]
            guard contrast >= flatContrast else { return -1 }
            return min(max((map.gradient[i] / contrast - lo) / span, 0), 1)
        }
    }

    /// The maximum (or minimum) of `v` over the (2·radius+1)² window around each pixel (clipped).
    static func slidingExtreme(_ v: [Float], width w: Int, height h: Int, radius r: Int, max useMax: Bool) -> [Float] {
        var rows = v
        for y in 0..<h {
            for x in 0..<w {
                var e = v[y * w + x]
                for xx in Swift.max(0, x - r)...Swift.min(w - 1, x + r) {
                    e = useMax ? Swift.max(e, v[y * w + xx]) : Swift.min(e, v[y * w + xx])
                }
                rows[y * w + x] = e
            }
        }
        var out = rows
        for y in 0..<h {
            for x in 0..<w {
                var e = rows[y * w + x]
                for yy in Swift.max(0, y - r)...Swift.min(h - 1, y + r) {
                    e = useMax ? Swift.max(e, rows[yy * w + x]) : Swift.min(e, rows[yy * w + x])
                }
                out[y * w + x] = e
            }
        }
        return out
    }

    /// Geodesic distance from the `seeds` through `passable` pixels, a step into pixel j costing
    /// its length times `cost[j]` (infinity where unreached).
    static func geodesic(seeds: [Bool], passable: [Bool], cost: [Float], width w: Int, height h: Int) -> [Float] {
        var dist = [Float](repeating: .infinity, count: w * h)
        var heap = CellHeap()
        for i in seeds.indices where seeds[i] {
            dist[i] = 0
            // Only seeds on the frontier need expanding.
            let x = i % w, y = i / w
            var frontier = false
            for yy in max(0, y - 1)...min(h - 1, y + 1) {
                for xx in max(0, x - 1)...min(w - 1, x + 1) where passable[yy * w + xx] && !seeds[yy * w + xx] { frontier = true }
            }
            if frontier { heap.push(0, i) }
        }
        let diagonal: Float = 1.4142135
        while let (d, i) = heap.pop() {
            guard d <= dist[i] else { continue }
            let x = i % w, y = i / w
            for yy in max(0, y - 1)...min(h - 1, y + 1) {
                for xx in max(0, x - 1)...min(w - 1, x + 1) {
                    let j = yy * w + xx
                    guard passable[j] else { continue }
                    let step = (xx != x && yy != y ? diagonal : 1) * cost[j]
                    if d + step < dist[j] { dist[j] = d + step; heap.push(d + step, j) }
                }
            }
        }
        return dist
    }
}
