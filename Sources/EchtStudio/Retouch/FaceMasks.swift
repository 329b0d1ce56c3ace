import EchtImaging
import EchtVision

/// Soft masks of the face's parts in output pixels, drawn from the face mesh.
struct FaceMasks: Sendable {
    /// Skin to even out: the face oval minus eyes, brows, lips and nostrils, times the person
    /// matte. Like every mask here, stored over the box only (it is zero outside it).
    var skin: BoxedPlane
    /// The eye openings (sclera and iris).
    var eyes: BoxedPlane
    /// The mouth opening (teeth when showing).
    var mouth: BoxedPlane
    /// The whole face oval, feathered.
    var face: BoxedPlane
    /// The box (x0..<x1, y0..<y1) outside which every mask is zero; nil when not known.
    var box: (x0: Int, y0: Int, x1: Int, y1: Int)? = nil

    /// Draws the masks for a mesh already mapped into output pixels. The work happens in the
    /// face's bounding box (plus the feather), and every mask is kept as the box's plane.
    static func make(mesh: FaceLandmarks, width: Int, height: Int, alpha: Image?) -> FaceMasks {
        let eyeSpan = simd_distance(MeshRegions.rightEyeCentre(mesh), MeshRegions.leftEyeCentre(mesh))
        let feather = max(0.8, eyeSpan / 40)
        let oval = MeshRegions.points(MeshRegions.faceOval, of: mesh)
        let pad = Int(feather * 14) + 2
        let x0 = max(0, Int(oval.map(\.x).min()!) - pad), y0 = max(0, Int(oval.map(\.y).min()!) - pad)
        let x1 = min(width, Int(oval.map(\.x).max()!.rounded(.up)) + pad), y1 = min(height, Int(oval.map(\.y).max()!.rounded(.up)) + pad)
        guard x1 > x0, y1 > y0 else {
            let empty = BoxedPlane(samples: nil, x0: 0, y0: 0, frameWidth: width, frameHeight: height)
            return FaceMasks(skin: empty, eyes: empty, mouth: empty, face: empty)
        }
        let w = x1 - x0, h = y1 - y0, origin = SIMD2(Float(x0), Float(y0))
        func fill(_ indices: [Int]) -> [Float] {
            Polygon.fill(MeshRegions.points(indices, of: mesh).map { $0 - origin }, width: w, height: h).pixels
        }
        // A further polygon filled into a plane of 0s and 1s: the plane's maximum with that
        // polygon's own fill (max(v, 1) = 1 inside it, max(v, +0) = v outside), without the plane.
        func fill(_ indices: [Int], into plane: inout [Float]) {
            Polygon.fill(MeshRegions.points(indices, of: mesh).map { $0 - origin }, width: w, height: h, into: &plane)
        }
        // Each plane is blurred in place where it is used last; the sums and their order are
        // those of `Blur.gaussian`, `max` and `scaled(by:)` on copies.
        func blurred(_ plane: inout [Float], sigma: Float) {
            Blur.gaussianInPlace(&plane, width: w, height: h, channels: 1, sigma: sigma)
        }
        let faceOval = fill(MeshRegions.faceOval)
        var eyes = fill(MeshRegions.leftEye)
        fill(MeshRegions.rightEye, into: &eyes)
        var upper = eyes
        fill(MeshRegions.leftBrow, into: &upper); fill(MeshRegions.rightBrow, into: &upper)
        blurred(&upper, sigma: feather * 2)
        var lower = fill(MeshRegions.lipsOuter)
        fill(MeshRegions.nostrils, into: &lower)
        blurred(&lower, sigma: feather)
        var skin = faceOval
        blurred(&skin, sigma: feather * 2)
        let cover = alpha?.pixels ?? []
        cover.withUnsafeBufferPointer { a in
            for y in 0..<h {
                for x in 0..<w {
                    let i = y * w + x
                    let hole = Swift.max(Swift.min(1, Swift.max(0, upper[i] * 2.5)), Swift.min(1, Swift.max(0, lower[i] * 2)))
                    let covered = a.isEmpty ? 1 : Swift.min(1, Swift.max(0, a[(y0 + y) * width + x0 + x]))
                    skin[i] = skin[i] * Swift.max(0, 1 - hole) * covered
                }
            }
        }
        blurred(&eyes, sigma: feather * 0.5)
        var mouth = fill(MeshRegions.lipsInner)
        blurred(&mouth, sigma: feather * 0.5)
        var face = consume faceOval
        blurred(&face, sigma: feather * 4)
        func boxed(_ local: [Float]) -> BoxedPlane {
            BoxedPlane(samples: Image(width: w, height: h, channels: 1, pixels: local), x0: x0, y0: y0, frameWidth: width, frameHeight: height)
        }
        return FaceMasks(skin: boxed(skin), eyes: boxed(eyes), mouth: boxed(mouth), face: boxed(face), box: (x0, y0, x1, y1))
    }
}

/// Even-odd polygon fill at pixel centres.
enum Polygon {
    static func fill(_ points: [SIMD2<Float>], width: Int, height: Int) -> Image {
        var out = Image.plane(width: width, height: height)
        fill(points, width: width, height: height, into: &out.pixels)
        return out
    }

    /// Sets the pixels inside the polygon to 1 in `plane` (`width`×`height`), leaving the others.
    static func fill(_ points: [SIMD2<Float>], width: Int, height: Int, into plane: inout [Float]) {
        precondition(plane.count == width * height, "plane of another size")
        guard points.count >= 3 else { return }
        let minY = max(0, Int(points.map(\.y).min()!.rounded(.down))), maxY = min(height - 1, Int(points.map(\.y).max()!.rounded(.up)))
        guard minY <= maxY else { return }
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
                if x0 <= x1 { for x in x0...x1 { plane[y * width + x] = 1 } }
                k += 2
            }
        }
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
