import EchtImaging
import EchtVision

/// Soft masks of the face's parts in output pixels, drawn from the face mesh.
struct FaceMasks: Sendable {
    /// Skin to even out: the face oval minus eyes, brows, lips and nostrils, times the person matte.
    var skin: Image
    /// The eye openings (sclera and iris).
    var eyes: Image
    /// The mouth opening (teeth when showing).
    var mouth: Image
    /// The whole face oval, feathered.
    var face: Image

    /// Draws the masks for a mesh already mapped into output pixels. The work happens in the
    /// face's bounding box (plus the feather) and is pasted into full-frame planes.
    static func make(mesh: FaceLandmarks, width: Int, height: Int, alpha: Image?) -> FaceMasks {
        let eyeSpan = simd_distance(MeshRegions.rightEyeCentre(mesh), MeshRegions.leftEyeCentre(mesh))
        let feather = max(0.8, eyeSpan / 40)
        let oval = MeshRegions.points(MeshRegions.faceOval, of: mesh)
        let pad = Int(feather * 14) + 2
        let x0 = max(0, Int(oval.map(\.x).min()!) - pad), y0 = max(0, Int(oval.map(\.y).min()!) - pad)
        let x1 = min(width, Int(oval.map(\.x).max()!.rounded(.up)) + pad), y1 = min(height, Int(oval.map(\.y).max()!.rounded(.up)) + pad)
        guard x1 > x0, y1 > y0 else {
            let empty = Image.plane(width: width, height: height)
            return FaceMasks(skin: empty, eyes: empty, mouth: empty, face: empty)
        }
        let w = x1 - x0, h = y1 - y0, origin = SIMD2(Float(x0), Float(y0))
        func fill(_ indices: [Int]) -> Image {
            Polygon.fill(MeshRegions.points(indices, of: mesh).map { $0 - origin }, width: w, height: h)
        }
        let faceOval = fill(MeshRegions.faceOval)
        let eyes = max(fill(MeshRegions.leftEye), fill(MeshRegions.rightEye))
        let holes = max(Blur.gaussian(max(eyes, fill(MeshRegions.leftBrow), fill(MeshRegions.rightBrow)), sigma: feather * 2)
                            .scaled(by: 2.5),
                        Blur.gaussian(max(fill(MeshRegions.lipsOuter), fill(MeshRegions.nostrils)), sigma: feather).scaled(by: 2))
        var skin = Blur.gaussian(faceOval, sigma: feather * 2)
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                let a = alpha.map { min(1, max(0, $0.pixels[(y0 + y) * width + x0 + x])) } ?? 1
                skin.pixels[i] = skin.pixels[i] * max(0, 1 - holes.pixels[i]) * a
            }
        }
        func paste(_ local: Image) -> Image {
            var out = Image.plane(width: width, height: height)
            for y in 0..<h {
                for x in 0..<w { out.pixels[(y0 + y) * width + x0 + x] = local.pixels[y * w + x] }
            }
            return out
        }
        return FaceMasks(skin: paste(skin), eyes: paste(Blur.gaussian(eyes, sigma: feather * 0.5)),
                         mouth: paste(Blur.gaussian(fill(MeshRegions.lipsInner), sigma: feather * 0.5)),
                         face: paste(Blur.gaussian(faceOval, sigma: feather * 4)))
    }
}

/// Even-odd polygon fill at pixel centres.
enum Polygon {
    static func fill(_ points: [SIMD2<Float>], width: Int, height: Int) -> Image {
        var out = Image.plane(width: width, height: height)
        guard points.count >= 3 else { return out }
        let minY = max(0, Int(points.map(\.y).min()!.rounded(.down))), maxY = min(height - 1, Int(points.map(\.y).max()!.rounded(.up)))
        guard minY <= maxY else { return out }
        var crossings: [Float] = []
        for y in minY...maxY {
            let cy = Float(y) + 0.5
            crossings.removeAll(keepingCapacity: true)
            for i in 0..<points.count {
                let a = points[i], b = points[(i + 1) % points.count]
                if (a.y <= cy) != (b.y <= cy) {
                    crossings.append(a.x + (cy - a.y) / (b.y - a.y) * (b.x - a.x))
                }
            }
            crossings.sort()
            var k = 0
            while k + 1 < crossings.count {
                let x0 = max(0, Int((crossings[k] - 0.5).rounded(.up))), x1 = min(width - 1, Int((crossings[k + 1] - 0.5).rounded(.down)))
                if x0 <= x1 { for x in x0...x1 { out.pixels[y * width + x] = 1 } }
                k += 2
            }
        }
        return out
    }
}

/// Element-wise maximum of same-sized planes.
func max(_ a: Image, _ b: Image, _ rest: Image...) -> Image {
    var out = a
    for other in [b] + rest {
        for i in 0..<out.pixels.count { out.pixels[i] = Swift.max(out.pixels[i], other.pixels[i]) }
    }
    return out
}

extension Image {
    /// Every sample multiplied by `k` and clamped to 0...1.
    func scaled(by k: Float) -> Image {
        var out = self
        for i in 0..<out.pixels.count { out.pixels[i] = Swift.min(1, Swift.max(0, out.pixels[i] * k)) }
        return out
    }
}

extension FaceLandmarks {
    /// The mesh mapped into another pixel frame by `point` (x, y) with depth scaled by `depthScale`.
    func mapped(depthScale: Float, _ point: (SIMD2<Float>) -> SIMD2<Float>) -> FaceLandmarks {
        var copy = self
        copy.points = points.map { p in
            let q = point(SIMD2(p.x, p.y))
            return SIMD3(q.x, q.y, p.z * depthScale)
        }
        func iris(_ i: Iris?) -> Iris? {
            i.map { Iris(center: point($0.center), radius: $0.radius * depthScale, contour: $0.contour.map(point)) }
        }
        copy.leftIris = iris(leftIris); copy.rightIris = iris(rightIris)
        return copy
    }
}

@inline(__always)
func simd_distance(_ a: SIMD2<Float>, _ b: SIMD2<Float>) -> Float {
    let d = a - b
    return (d * d).sum().squareRoot()
}
