import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Evens out small round spots on the skin (blemishes, spots, small moles) when a look asks for
/// it (`RetouchStyle.spots`), as a retoucher's healing brush would, but without copying a pixel:
/// inside each spot, brightness and colour are scaled to what the skin around it has, while the
/// spot's own fine texture (pores) stays. Lines (wrinkles, scars along a line), large marks and
/// everything outside the skin mask (eyes, brows, lips, nostrils, hair) are left alone.
enum SpotHealing {
    /// A spot found on the skin, in frame pixels.
    struct Spot: Equatable {
        /// Centre of the spot.
        var x: Float, y: Float
        /// Radius of a disc of the spot's area.
        var radius: Float
        /// The skin's mean linear RGB in the ring around the spot: what the spot is evened to.
        var ring: SIMD3<Float>
    }

    /// The spot sizes and strength it acts on, as fractions of the face width and in log units.
    static let smallest: Float = 0.004, largest: Float = 0.022, threshold: Float = 0.15

    /// Finds the spots and evens them out.
    static func apply(_ image: consuming Image, skin: BoxedPlane, faceWidth: Float) -> Image {
        let spots = find(in: image, skin: skin, faceWidth: faceWidth)
        return heal(image, spots: spots, skin: skin, faceWidth: faceWidth)
    }

    /// Heals `spots` in `passes` rounds: each round evens what its local average still sees of
    /// the spot, so the spot's soft part goes while detail finer than the average stays.
    static func heal(_ image: consuming Image, spots: [Spot], skin: BoxedPlane, faceWidth: Float, passes: Int = 3) -> Image {
        var out = image
        for _ in 0..<passes { out = healOnce(consume out, spots: spots, skin: skin, faceWidth: faceWidth) }
        return out
    }

    /// The round spots darker (or redder) than the skin around them, largest first.
    static func find(in image: Image, skin: BoxedPlane, faceWidth: Float) -> [Spot] {
        guard let area = SkinArea(image: image, skin: skin, pad: Int(faceWidth * 0.08) + 2) else { return [] }
        let fine = area.maskedBlur(weights: area.mask, sigma: max(0.6, faceWidth * 0.003))
        let around = area.maskedBlur(weights: area.mask, sigma: faceWidth * 0.035)
        let w = area.width, h = area.height
        // How much darker (and redder) than the skin around each pixel is, in log units.
        var score = [Float](repeating: 0, count: w * h)
        for i in 0..<(w * h) where area.mask[i] > 0.9 {
            let f = SIMD3(fine[i * 3], fine[i * 3 + 1], fine[i * 3 + 2]), s = SIMD3(around[i * 3], around[i * 3 + 1], around[i * 3 + 2])
            guard f.min() > 1e-5, s.min() > 1e-5 else { continue }
            let darker = logf(SRGB.luminance(s.x, s.y, s.z)) - logf(SRGB.luminance(f.x, f.y, f.z))
            let redder = (logf(f.x) - logf(f.y)) - (logf(s.x) - logf(s.y))
            score[i] = darker + 0.5 * max(0, redder)
        }
        let reach = Int((faceWidth * largest * 2).rounded(.up)) + 1
        var spots: [Spot] = [], taken = [Bool](repeating: false, count: w * h)
        let peaks = (0..<(w * h)).filter { score[$0] > threshold }.sorted { score[$0] > score[$1] }
        for peak in peaks where !taken[peak] {
            let px = Float(peak % w + area.x0), py = Float(peak / w + area.y0)
            // A weaker peak on the shoulder of a spot found already is part of it.
            guard !spots.contains(where: { (px - $0.x) * (px - $0.x) + (py - $0.y) * (py - $0.y) < 9 * $0.radius * $0.radius }) else { continue }
            guard let spot = grow(from: peak, score: score, mask: area.mask, width: w, height: h, reach: reach, taken: &taken) else { continue }
            let radius = spot.radius
            guard radius >= faceWidth * smallest, radius <= faceWidth * largest else { continue }
            let placed = Spot(x: spot.x + Float(area.x0), y: spot.y + Float(area.y0), radius: radius, ring: .zero)
            guard let ring = ring(of: placed, in: area, fine: fine) else { continue }
            spots.append(Spot(x: placed.x, y: placed.y, radius: radius, ring: ring))
        }
        return spots
    }

    /// The mean colour of the ring from 2 to 3 radii around `spot` when the ring is sure,
    /// even skin (no eye corner, shadow edge or lip in it) and the spot's core is clearly darker
    /// than it; nil otherwise.
    static func ring(of spot: Spot, in area: SkinArea, fine: [Float]) -> SIMD3<Float>? {
        var sum = SIMD3<Float>(), count: Float = 0, lows: [Float] = [], core: Float = 0, coreCount: Float = 0
        var unsure = false
        area.visit(spot, reach: spot.radius * 3) { i, distance in
            let colour = SIMD3(fine[i * 3], fine[i * 3 + 1], fine[i * 3 + 2])
            let luminance = SRGB.luminance(colour.x, colour.y, colour.z)
            if distance <= spot.radius * 0.7 { core += luminance; coreCount += 1 }
            guard distance >= spot.radius * 2 else { return }
            if area.mask[i] < 0.9 { unsure = true }
            sum += colour; count += 1; lows.append(luminance)
        }
        guard !unsure, count >= 8, coreCount >= 1 else { return nil }
        let mean = sum / count, meanLuminance = SRGB.luminance(mean.x, mean.y, mean.z)
        guard meanLuminance > 1e-5 else { return nil }
        let spread = (lows.map { ($0 - meanLuminance) * ($0 - meanLuminance) }.reduce(0, +) / count).squareRoot() / meanLuminance
        guard spread < 0.1, logf(meanLuminance) - logf(max(core / coreCount, 1e-6)) > threshold * 0.8 else { return nil }
        return mean
    }

    /// The connected pixels around `peak` scoring at least half of it, within `reach`; nil when
    /// they are not a round spot inside the skin (they reach the window's edge, leave the sure
    /// skin, or run along a line). Marks them taken either way.
    static func grow(from peak: Int, score: [Float], mask: [Float], width w: Int, height h: Int, reach: Int,
                     taken: inout [Bool]) -> Spot? {
        let floor = score[peak] * 0.5, px = peak % w, py = peak / w
        var stack = [peak], members: [Int] = []
        taken[peak] = true
        var escaped = false
        while let i = stack.popLast() {
            members.append(i)
            let x = i % w, y = i / w
            if abs(x - px) >= reach || abs(y - py) >= reach || mask[i] < 0.9 { escaped = true }
            for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let nx = x + dx, ny = y + dy
                guard nx >= 0, ny >= 0, nx < w, ny < h else { escaped = true; continue }
                let n = ny * w + nx
                guard !taken[n], score[n] >= floor else { continue }
                guard abs(nx - px) <= reach, abs(ny - py) <= reach else { escaped = true; continue }
                taken[n] = true
                stack.append(n)
            }
        }
        guard !escaped else { return nil }
        // Roundness from the second moments: a line (a wrinkle) has one long axis.
        let count = Float(members.count)
        var mx: Float = 0, my: Float = 0
        for i in members { mx += Float(i % w); my += Float(i / w) }
        mx /= count; my /= count
        var sxx: Float = 0, syy: Float = 0, sxy: Float = 0
        for i in members {
            let dx = Float(i % w) - mx, dy = Float(i / w) - my
            sxx += dx * dx; syy += dy * dy; sxy += dx * dy
        }
        let trace = (sxx + syy) / count, det = (sxx * syy - sxy * sxy) / (count * count)
        let spread = max(0, trace * trace / 4 - det).squareRoot()
        let long = trace / 2 + spread, short = max(trace / 2 - spread, 1e-3)
        guard long / short <= 4 else { return nil }
        return Spot(x: mx, y: my, radius: (count / .pi).squareRoot(), ring: .zero)
    }

    /// Scales each spot's disc (full to 1.5 radii, feathered to 2.5) to the skin of its ring, keeping
    /// the texture finer than half the spot's radius.
    static func healOnce(_ image: consuming Image, spots: [Spot], skin: BoxedPlane, faceWidth: Float) -> Image {
        var out = image
        guard !spots.isEmpty, let area = SkinArea(image: out, skin: skin, pad: Int(faceWidth * 0.08) + 2) else { return out }
        let c = out.channels, frameWidth = out.width
        out.pixels.withUnsafeMutableBufferPointer { pixels in
            for spot in spots {
                let local = area.localMean(around: spot, sigma: max(0.6, spot.radius * 0.5))
                area.visit(spot, reach: spot.radius * 2.5) { i, distance in
                    let inner = spot.radius * 1.5, outer = spot.radius * 2.5
                    let t = max(0, min(1, (outer - distance) / (outer - inner)))
                    let weight = t * t * (3 - 2 * t) * min(1, area.mask[i])
                    guard weight > 1e-3, let mean = local[i] else { return }
                    let o = ((area.y0 + i / area.width) * frameWidth + area.x0 + i % area.width) * c
                    for k in 0..<3 where mean[k] > 1e-5 {
                        let factor = max(0.67, min(1.8, spot.ring[k] / mean[k]))
                        pixels[o + k] *= 1 + weight * (factor - 1)
                    }
                }
            }
        }
        return out
    }
}
