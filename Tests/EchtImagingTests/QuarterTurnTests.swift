import EchtImaging
import Testing

/// Quarter turns move pixels without resampling: each pixel lands where a turn of the picture
/// puts it, four turns give the image back, and opposite turns undo each other.
@Suite struct QuarterTurnTests {
    /// 3 wide, 2 high, three channels: pixel (x, y) holds (v, -v, 100 + v) with v = 10y + x.
    let image = Image(width: 3, height: 2, channels: 3, pixels: [0, 1, 2, 10, 11, 12].flatMap { [$0, -$0, 100 + $0] })

    @Test func aQuarterClockwiseMovesTheLeftColumnToTheTop() {
        let turned = image.quarterTurned(clockwise: 1)
        #expect(turned.width == 2 && turned.height == 3 && turned.channels == 3)
        // The top row is the old left column read from the bottom up: (0,1) then (0,0).
        #expect(turned[0, 0, 0] == 10 && turned[1, 0, 0] == 0 && turned[1, 0, 1] == 0)
        #expect(turned[0, 2, 0] == 12 && turned[1, 2, 0] == 2 && turned[0, 2, 1] == -12 && turned[0, 2, 2] == 112)
    }

    @Test func aHalfTurnAndACounterclockwiseQuarterPutEachPixelWhereItBelongs() {
        let half = image.quarterTurned(clockwise: 2)
        #expect(half.width == 3 && half.height == 2 && half.pixels == [12, 11, 10, 2, 1, 0].flatMap { [$0, -$0, 100 + $0] })
        let back = image.quarterTurned(clockwise: -1)
        #expect(back == image.quarterTurned(clockwise: 3))
        // The top row is the old right column read from the top down: (2,0) then (2,1).
        #expect(back.width == 2 && back[0, 0, 0] == 2 && back[1, 0, 0] == 12 && back[0, 2, 0] == 0)
    }

    @Test func turnsAddUp() {
        #expect(image.quarterTurned(clockwise: 4) == image)
        #expect(image.quarterTurned(clockwise: 1).quarterTurned(clockwise: 3) == image)
        #expect(image.quarterTurned(clockwise: 1).quarterTurned(clockwise: 1) == image.quarterTurned(clockwise: 2))
    }
}
