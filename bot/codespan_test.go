package bot

import "testing"

func TestMentionsOutOfCode(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"`/mentor leads add <@U1>`", "`/mentor leads add` <@U1>"},
		{"Withdraw it with `/mentor unassign <@UBOB>`.", "Withdraw it with `/mentor unassign` <@UBOB>."},
		{"`/mentor assign <@U1> <@U2|lea>`", "`/mentor assign` <@U1> <@U2|lea>"},
		{"`/mentor leads remove <@U1> confirm`", "`/mentor leads remove` <@U1> `confirm`"},
		{"`<@U1>` and `<#C1|leads>`", "<@U1> and <#C1|leads>"},
		{"`/mentor digest channel <#C9> only`", "`/mentor digest channel` <#C9> `only`"},
		{"`/mentor help` and <@U1>", "`/mentor help` and <@U1>"},
		{"```\n<@U1>\n```", "```\n<@U1>\n```"},
		{"a `x < y` b", "a `x < y` b"},
		{"unclosed `span <@U1>", "unclosed `span <@U1>"},
		{"", ""},
	} {
		if got := MentionsOutOfCode(tt.in); got != tt.want {
			t.Errorf("MentionsOutOfCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
