package bot_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/mentorbot/mentorbot/bot"
)

// notEnglishQuestions are questions people ask in other languages.
var notEnglishQuestions = []string{
	"¿cómo empiezo con bases de datos?",
	"cómo empiezo con bases de datos",
	"como me convierto en desarrollador senior",
	"comment devenir développeur backend senior ?",
	"wie werde ich ein besserer Backend-Entwickler?",
	"como posso aprender sql para começar",
	"come posso imparare le basi di dati? devo studiare sql",
	"как начать изучать базы данных?",
	"что такое SQL индекс",
	"如何开始学习数据库？",
	"データベースの勉強はどう始めればいいですか",
	"데이터베이스 공부를 어떻게 시작하나요?",
	"كيف أبدأ في تعلم قواعد البيانات؟",
}

// questionsIn reads the questions of an evaluation set or examples file.
func questionsIn(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Questions []struct{ Q string } `yaml:"questions"`
		Examples  []struct{ Q string } `yaml:"examples"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []string
	for _, q := range append(doc.Questions, doc.Examples...) {
		out = append(out, q.Q)
	}
	return out
}

// A question not in English, asked or sent as a DM, is answered "I answer
// in English" with the table's example question as a button, never with a
// section picked from the few words it shares with English; every English
// question of the evaluation sets and the examples still goes to the
// answerer.
func TestAskNotEnglish(t *testing.T) {
	t.Parallel()
	b, sc := askBot(t)
	cmd, _ := b.Command("ask")
	example := cmd.Examples[0]
	for _, q := range notEnglishQuestions {
		for _, req := range []bot.Request{{Text: "ask " + q}, {Text: q, Free: true}} {
			req.Scope, req.User = sc, "amy"
			msg := b.Handle(context.Background(), req)
			if !strings.HasPrefix(msg.Text, "I answer in English.") || !strings.Contains(msg.Text, strings.TrimPrefix(example, "ask ")) ||
				len(msg.Buttons) != 1 || msg.Buttons[0].Command != example || msg.Title != "" {
				t.Errorf("%q (free %v): %q %+v", q, req.Free, msg.Text, msg.Buttons)
			}
		}
	}
	files, err := filepath.Glob("../roadmap/testdata/eval*.yaml")
	if err != nil || len(files) < 5 {
		t.Fatalf("evaluation sets: %v %v", files, err)
	}
	n := 0
	for _, f := range append(files, "../roadmap/examples.yaml") {
		for _, q := range questionsIn(t, f) {
			n++
			if msg := ask(t, b, sc, "amy", "ask "+q); strings.HasPrefix(msg.Text, "I answer in English") {
				t.Errorf("%s: English question %q taken for another language", filepath.Base(f), q)
			}
		}
	}
	if n < 2500 {
		t.Fatalf("read %d English questions, want the evaluation sets' and examples' 2,567", n)
	}
}
