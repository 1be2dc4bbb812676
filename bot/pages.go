package bot

import "fmt"

// Page sizes: a page of either list fits Slack's 50 blocks (ten fields
// a section) and a Discord embed's 25 fields and 6,000 characters.
const (
	MenteePageSize = 10
	TeamPageSize   = 20
	maxPage        = 10_000
)

// pageArg is the page a command was asked for, from 1.
func (c *call) pageArg() int {
	if v, ok := c.args["page"]; ok && v.Int > 0 {
		return v.Int
	}
	return 1
}

// pageWindow is the offset and limit of a page of size items. A page past
// maxPage, which no list reaches, asks for counts only: its answer is the
// last page (beyondLast), and its offset could overflow.
func pageWindow(page, size int) (offset, limit int) {
	if page > maxPage {
		return 0, 0
	}
	return (page - 1) * size, size
}

// pager adds Previous and Next buttons running cmd with the page number.
func pager(msg *Message, cmd string, page, size, total int) {
	if page > 1 {
		msg.Buttons = append(msg.Buttons, Button{Label: "◀ Previous", Command: cmd + itoa(page-1)})
	}
	if page*size < total {
		msg.Buttons = append(msg.Buttons, Button{Label: "Next ▶", Command: cmd + itoa(page+1)})
	}
	if total > size {
		msg.Footer = fmt.Sprintf("Page %d of %d", page, lastPage(size, total))
	}
}

// lastPage is the number of the last page of total items, size a page;
// an empty list has one page.
func lastPage(size, total int) int {
	return max(1, (total+size-1)/size)
}

// beyondLast answers a page number past the end of a list: one short
// sentence naming the last page, and a button that shows it.
func beyondLast(cmd string, page, size, total int) Message {
	last := lastPage(size, total)
	return Message{Private: true,
		Text:    fmt.Sprintf("There is no page %d: the last is page %d.", page, last),
		Buttons: []Button{{Label: fmt.Sprintf("Page %d", last), Command: cmd + itoa(last)}}}
}
