import EchtImaging
import Testing
@testable import EchtVision

/// The full-resolution pass against its formulas written out one pixel at a time.
struct FullResolutionPassTests {
    /// A photo with values a little outside 0...1 and a 13-channel grid whose alpha spans and
    /// overshoots its bounds, so every clamp of the formulas is exercised.
    static func inputs(width w: Int, height h: Int, gridWidth gw: Int, gridHeight gh: Int) -> (photo: Raster, grid: Raster) {
        let c = FullResolutionPass.gridChannels
        var photo = Raster(width: w, height: h, channels: 3)
        for i in photo.values.indices { photo.values[i] = Float((i * 7919) % 1000) / 900 - 0.05 }
        var grid = Raster(width: gw, height: gh, channels: c)
        for i in 0..<(gw * gh) {
            for k in 0..<c { grid.values[i * c + k] = Float(((i + 3) * (k + 5) * 104_729) % 1000) / 1000 }
            grid.values[i * c + 3] -= 0.8
            grid.values[i * c + 10] *= 0.3
            grid.values[i * c + 11] = 0.7 + 0.3 * grid.values[i * c + 11]
        }
        return (photo, grid)
    }

    /// Every alpha and foreground value, signed zeros included, equals the pixel-by-pixel
    /// evaluation (grid interpolated vertically then horizontally, table sRGB encoding, the same
    /// operations in the same order), for the whole photo and for windows whose width is no
    /// multiple of the four pixels the pass computes side by side.
    @Test(arguments: [(0, 0, 97, 61), (5, 3, 38, 20), (2, 7, 3, 9), (60, 0, 37, 1)])
    func passEqualsPixelByPixelFormulas(x0: Int, y0: Int, width: Int, height: Int) {
        let (photo, grid) = Self.inputs(width: 97, height: 61, gridWidth: 23, gridHeight: 17)
        let window = FullResolutionPass.Window(x: x0, y: y0, width: width, height: height)
        let mismatches = Self.mismatches(photo: photo, grid: grid, window: window)
        #expect(mismatches == 0, "\(mismatches) of \(width * height * 4) values differ")
    }

    /// Where the grid's bounds fix alpha (both exactly 0, or both 1, over runs of grid cells)
    /// the pass skips the photo's encoding for alpha: every value still equals the formulas',
    /// bit for bit, in the fixed runs, the free cells between them and across their borders.
    @Test(arguments: [(0, 0, 97, 61), (5, 3, 38, 20), (60, 0, 37, 1)])
    func passWithFixedBoundsEqualsPixelByPixelFormulas(x0: Int, y0: Int, width: Int, height: Int) {
        let gw = 23, gh = 17, c = FullResolutionPass.gridChannels
        var (photo, grid) = Self.inputs(width: 97, height: 61, gridWidth: gw, gridHeight: gh)
        var fixed = 0
        for gy in 0..<gh {
            for gx in 0..<gw {
                let o = (gy * gw + gx) * c
                // Bands of transparent cells, of opaque ones, and free ones between, a few cells wide.
                switch (gx / 3 + gy / 4) % 3 {
                case 0: grid.values[o + 10] = 0; grid.values[o + 11] = 0; fixed += 1
                case 1: grid.values[o + 10] = 1; grid.values[o + 11] = 1; fixed += 1
                default: break
                }
            }
        }
        photo.values[5] = 1.7; photo.values[9] = -0.4
        let window = FullResolutionPass.Window(x: x0, y: y0, width: width, height: height)
        let mismatches = Self.mismatches(photo: photo, grid: grid, window: window)
        #expect(fixed > gw * gh / 2)
        #expect(mismatches == 0, "\(mismatches) of \(width * height * 4) values differ")
        let alpha = FullResolutionPass.run(photo: photo, grid: grid, threads: 1).alpha
        #expect(alpha.contains(0) && alpha.contains(1) && alpha.contains { $0 > 0 && $0 < 1 }, "fixed and free alpha both occur")
    }

    /// How many alpha and foreground values of the pass over `window` differ (bit patterns, so
    /// signed zeros count) from the pixel-by-pixel evaluation: grid interpolated vertically then
    /// horizontally, table sRGB encoding, the same operations in the same order.
    static func mismatches(photo: Raster, grid: Raster, window: FullResolutionPass.Window) -> Int {
        let pw = photo.width, ph = photo.height, gw = grid.width, gh = grid.height, c = FullResolutionPass.gridChannels
        let x0 = window.x, y0 = window.y, width = window.width, height = window.height
        let result = FullResolutionPass.run(photo: photo, grid: grid, window: window, threads: 2)
        let table = SRGB.table
        func encode(_ value: Float) -> Float {
            let t = min(max(value, 0), 1) * 4096
            let j = min(Int(t), 4095), f = t - Float(j)
            return table[j] + (table[j + 1] - table[j]) * f
        }
        var mismatches = 0
        for y in 0..<height {
            let s = min(max((Float(y0 + y) + 0.5) * (Float(gh) / Float(ph)) - 0.5, 0), Float(gh - 1))
            let r0 = Int(s), r1 = min(r0 + 1, gh - 1), fy = s - Float(r0)
            for x in 0..<width {
                let u = min(max((Float(x0 + x) + 0.5) * (Float(gw) / Float(pw)) - 0.5, 0), Float(gw - 1))
                let lo = min(Int(u), gw - 2), f = u - Float(lo)
                func channel(_ k: Int) -> Float {
                    func at(_ column: Int) -> Float {
                        let top = grid.values[(r0 * gw + column) * c + k], bottom = grid.values[(r1 * gw + column) * c + k]
                        return top + (bottom - top) * fy
                    }
                    let p = at(lo), q = at(lo + 1)
                    return p + (q - p) * f
                }
                let i = (y0 + y) * pw + x0 + x
                let r = photo.values[i * 3], g = photo.values[i * 3 + 1], b = photo.values[i * 3 + 2]
                var v = channel(3)
                v += channel(0) * encode(r)
                v += channel(1) * encode(g)
                v += channel(2) * encode(b)
                let a = min(max(v, channel(10)), channel(11))
                let o = y * width + x
                if result.alpha[o].bitPattern != a.bitPattern { mismatches += 1 }
                for (k, image) in [r, g, b].enumerated() {
                    let fv = channel(4 + k) + channel(12) * a * (image - a * channel(4 + k) - (1 - a) * channel(7 + k))
                    let expected = min(max(fv, ForegroundEstimator.floor * min(4 * (1 - a), 1) * channel(4 + k)), max(1, image))
                    if result.foreground[o * 3 + k].bitPattern != expected.bitPattern { mismatches += 1 }
                }
            }
        }
        return mismatches
    }
}
