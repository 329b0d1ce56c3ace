import EchtImaging

extension BackdropLookalikes {
    /// What `cells` reads of the model's own mask and colours, made before the subject's share
    /// is known (`PortraitAnalyzer.claim` makes it while the share is worked out): the colour
    /// samples and, per cell, whether its hue is the backdrop's and whether it looks like the
    /// backdrop rather than the person. Only the cells a share can hold (`within`) are asked
    /// beforehand; any other cell a share holds is asked when `cells` reads it, the same way.
    struct Search {
        private let raw: Image, region: PixelRect, face: PixelRect
        /// Per cell, its chromaticity (`chroma` of the guide's colour).
        private let colour: [SIMD3<Float>]
        private let background: ChromaSamples, person: ChromaSamples
        /// Whether anything can go: a large enough face and samples of both kinds.
        private let searched: Bool
        /// Per cell asked beforehand (`asked`), its `hue` and `lookalike` answers (see `answer`).
        private var asked: [Bool], hue: [Bool], lookalike: [Bool]

        /// The search of the model's mask `raw` on photo rectangle `region` (`guide` its sRGB
        /// colours at the mask's size), `face` the subject's detection box. `within`: a mask no
        /// lower than the shares `cells` will be given, cell by cell (nil: no cell is asked now).
        init(raw: Image, guide: Image, region: PixelRect, face: PixelRect, within bound: Image?) {
            let w = raw.width, h = raw.height, n = w * h
            self.raw = raw; self.region = region; self.face = face
            asked = [Bool](repeating: false, count: n); hue = asked; lookalike = asked
            // A small face's cells hold the photo's blur, in which cloth and backdrop mix.
            guard min(face.width, face.height) >= smallestFace else {
                colour = []; background = ChromaSamples([]); person = ChromaSamples([]); searched = false
                return
            }
            colour = (0..<n).map { chroma(SIMD3(guide.pixels[$0 * 3], guide.pixels[$0 * 3 + 1], guide.pixels[$0 * 3 + 2])) }
            let deepBackground = deep(raw, width: w, height: h) { $0 <= SubjectPartition.background }
            let deepPerson = deep(raw, width: w, height: h) { $0 >= personValue }
            let geometry = Geometry(width: w, height: h, region: region, face: face)
            // Person samples: every sure cell but those beside the head.
            let personSample = (0..<n).map { deepPerson[$0] && !geometry.beside(geometry.point($0)) }
            // Background samples: chromatic ones only (a grey backdrop has the hue of every grey suit).
            let chromatic = (0..<n).map { i -> Bool in
                let v = SIMD3(guide.pixels[i * 3], guide.pixels[i * 3 + 1], guide.pixels[i * 3 + 2])
                return deepBackground[i] && (v.max() - v.min()) / max(v.max(), 1e-3) > minimumSaturation
            }
            background = ChromaSamples(means(colour, where: chromatic, width: w, height: h))
            person = ChromaSamples(means(colour, where: personSample, width: w, height: h))
            searched = !background.isEmpty && !person.isEmpty
            guard searched, let bound else { return }
            for i in 0..<n where bound.pixels[i] >= SubjectPartition.reach {
                (hue[i], lookalike[i]) = answer(i, geometry)
                asked[i] = true
            }
        }

        /// Per cell of `mask` (the subject's share of the searched mask) whether it is backdrop
        /// the model took for person: `BackdropLookalikes.cells`.
        func cells(mask: Image) -> [Bool] {
            let w = raw.width, h = raw.height, n = w * h
            guard searched else { return [Bool](repeating: false, count: n) }
            let geometry = Geometry(width: w, height: h, region: region, face: face)
            var lookalike = [Bool](repeating: false, count: n), backdropHue = lookalike
            for i in 0..<n where mask.pixels[i] >= SubjectPartition.reach {
                (backdropHue[i], lookalike[i]) = asked[i] ? (hue[i], self.lookalike[i]) : answer(i, geometry)
            }
            // Seeds beside the head (brows to shoulders), grown through lookalike cells; a part goes
            // when it covers `smallestArea` and the model doubts it.
            var gone = [Bool](repeating: false, count: n), seen = gone
            for start in 0..<n where lookalike[start] && !seen[start] && geometry.beside(geometry.point(start)) {
                var part = [start], stack = [start], doubt: Float = 0
                seen[start] = true
                while let i = stack.popLast() {
                    doubt += raw.pixels[i]
                    SubjectPartition.forEachNeighbour(of: i, width: w, height: h) { j in
                        if !seen[j] && lookalike[j] { seen[j] = true; part.append(j); stack.append(j) }
                    }
                }
                guard Float(part.count) * geometry.cellW * geometry.cellH >= smallestArea * face.width * face.height,
                      doubt < unsure * Float(part.count) else { continue }
                for i in part { gone[i] = true }
            }
            return folds(of: gone, hue: backdropHue, raw: raw)
        }

        /// Whether cell `i` has the backdrop's hue (near a chromatic background sample), and
        /// whether it looks like the backdrop: of its hue, not below the face between its sides,
        /// and clearly nearer the background's colours than every person colour.
        private func answer(_ i: Int, _ geometry: Geometry) -> (hue: Bool, lookalike: Bool) {
            let dB = background.nearest(colour[i])
            guard dB < nearBackground else { return (false, false) }
            guard !geometry.belowFace(geometry.point(i)) else { return (true, false) }
            let dF = person.nearest(colour[i])
            return (true, dB < ratio * dF && dF >= farFromPerson)
        }
    }

    /// Where the cells of a mask lie about the subject's face.
    private struct Geometry {
        let width: Int, region: PixelRect, face: PixelRect, cellW: Float, cellH: Float

        init(width w: Int, height h: Int, region: PixelRect, face: PixelRect) {
            width = w; self.region = region; self.face = face
            cellW = region.width / Float(w); cellH = region.height / Float(h)
        }

        /// The photo position of cell `i`'s centre.
        func point(_ i: Int) -> SIMD2<Float> {
            SIMD2(region.minX + (Float(i % width) + 0.5) * cellW, region.minY + (Float(i / width) + 0.5) * cellH)
        }

        /// The head ellipse of `SubjectPartition` (0.6 face widths each side, 0.85 face heights up, 0.6 down).
        func head(_ p: SIMD2<Float>) -> Float {
            let c = face.center
            let rx = (p.x - c.x) / (face.width * 0.6), ry = (p.y - c.y) / (face.height * (p.y < c.y ? 0.85 : 0.6))
            return (rx * rx + ry * ry).squareRoot()
        }

        /// Beside the head (brows to shoulders, outside the head): where the backdrop is looked for.
        func beside(_ p: SIMD2<Float>) -> Bool {
            let c = face.center
            return p.y > c.y - 0.3 * face.height && p.y < c.y + 0.5 * face.height && head(p) > SubjectPartition.headRoom
        }

        /// Below the face, between its sides, hang the neck and chest: never backdrop.
        func belowFace(_ p: SIMD2<Float>) -> Bool {
            let c = face.center
            return p.y > c.y && abs(p.x - c.x) < neckWidth * face.width
        }
    }
}
