/// One face's framing styles grouped by the frame the photo gives them: styles whose frames
/// come out the same (`Framing.isSameFrame`) form one group, which the studio frames once and
/// all their looks render from.
struct FrameGroup: Sendable {
    /// The group's frame, or nil when it could not be computed ahead (framing the group then
    /// computes it again and throws what it must).
    let framing: Framing?
    /// The styles whose looks render from the group's subject, in the looks' order.
    let styles: [FramingStyle]

    /// The style the group is framed for: its first.
    var style: FramingStyle { styles[0] }

    /// `styles` (in order, without repeats) grouped by the frames `frame` gives them; a style
    /// joins the first earlier group whose frame is the same as its own.
    static func grouping(_ styles: [FramingStyle], frame: (FramingStyle) -> Framing?) -> [FrameGroup] {
        var groups: [FrameGroup] = []
        for style in styles {
            let framing = frame(style)
            if let framing, let k = groups.firstIndex(where: { $0.framing?.isSameFrame(as: framing) ?? false }) {
                groups[k] = FrameGroup(framing: groups[k].framing, styles: groups[k].styles + [style])
            } else {
                groups.append(FrameGroup(framing: framing, styles: [style]))
            }
        }
        return groups
    }
}
