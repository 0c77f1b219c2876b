/// The path with empty, `.` and `..` segments resolved, starting with `/`.
///
/// `/a//b/./c/../d` → `/a/b/d`; `..` above the root stays at the root; a path ending in `/`, `/.`
/// or `/..` keeps a trailing slash (`/blah/..` → `/`), as RFC 3986 dot-segment removal does.
func canonicalPath(_ path: ArraySlice<UInt8>) -> [UInt8] {
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    var output: [UInt8] = []
    output.reserveCapacity(path.count + 1)
    var segmentStarts: [Int] = []
    var endsInDirectory = false
    var start = path.startIndex
    while start < path.endIndex {
        let end = path[start...].firstIndex(of: slash) ?? path.endIndex
        let segment = path[start..<end]
        if segment.isEmpty {
            // Repeated slashes collapse.
        } else if segment.count == 1, segment.first == dot {
            endsInDirectory = true
        } else if segment.count == 2, segment.allSatisfy({ $0 == dot }) {
            if let last = segmentStarts.popLast() { output.removeSubrange(last...) }
            endsInDirectory = true
        } else {
            segmentStarts.append(output.count)
            output.append(slash)
            output.append(contentsOf: segment)
            endsInDirectory = false
        }
        start = end == path.endIndex ? end : path.index(after: end)
    }
    if path.last == slash { endsInDirectory = true }
    if output.isEmpty || endsInDirectory { output.append(slash) }
    return output
}
