import EchtImaging
import Testing
@testable import EchtVision

/// Bystanders are removed from the coarse mask; the subject's region stays untouched.
struct SubjectMaskTests {
    /// Two separate blobs on a 64×64 mask with soft 0.3 fringes.
    static func twoPeople() -> Image {
        var pixels = [Float](repeating: 0, count: 64 * 64)
        for y in 0..<64 {
            for x in 0..<64 {
                if (8..<24).contains(x) && (10..<60).contains(y) { pixels[y * 64 + x] = 1 }
                if (40..<56).contains(x) && (20..<60).contains(y) { pixels[y * 64 + x] = 0.9 }
                if x == 24 || x == 39 { pixels[y * 64 + x] = 0.3 }
            }
        }
        return Image(width: 64, height: 64, channels: 1, pixels: pixels)
    }

    @Test func keepsOnlyTheRegionWithAFace() {
        let mask = Self.twoPeople()
        // Image of 640×640: face centre at (150, 200) lies on the left blob (cell 15, 20).
        let out = SubjectMask.keepingSubjects(mask, faceCentres: [SIMD2(150, 200)], imageWidth: 640, imageHeight: 640)
        #expect(out[15, 30, 0] == 1 && out[24, 30, 0] == 0.3)
        #expect(out[48, 30, 0] == 0 && out[39, 30, 0] == 0)
    }

    @Test func facesOnBothOrNoRegionKeepEverything() {
        let mask = Self.twoPeople()
        #expect(SubjectMask.keepingSubjects(mask, faceCentres: [SIMD2(150, 200), SIMD2(480, 300)], imageWidth: 640, imageHeight: 640) == mask)
        #expect(SubjectMask.keepingSubjects(mask, faceCentres: [SIMD2(320, 20)], imageWidth: 640, imageHeight: 640) == mask)
    }
}
