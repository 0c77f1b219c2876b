/// Rows printed as aligned columns, for people; scripts use `--json`.
struct TextTable {
    var header: [String]?
    var rows: [[String]] = []

    /// The table as lines, each column as wide as its widest cell, two spaces apart.
    var lines: [String] {
        let all = (header.map { [$0] } ?? []) + rows
        let count = all.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in all.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                let isLast = column == row.count - 1
                line += isLast ? cell : cell + String(repeating: " ", count: widths[column] + 2 - cell.count)
            }
            return line
        }
    }

    func print() {
        lines.forEach { Swift.print($0) }
    }
}
