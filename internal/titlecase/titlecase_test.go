package titlecase

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"folio/assets"
)

var (
	sampleOnce  sync.Once
	sampleCaser *Caser
)

// sample is a Caser that learned the bundled book's acronyms.
func sample() *Caser {
	sampleOnce.Do(func() { sampleCaser = New(string(assets.Sample())) })
	return sampleCaser
}

// TestTitleSample holds the sample book's titles, joined from their
// printed lines, with the title case an editor would set.
func TestTitleSample(t *testing.T) {
	tests := []struct{ in, want string }{
		{"PUBLISHER’S PREFACE", "Publisher’s Preface"},
		{"EXTRACTS FROM THE FOREWORD TO VOLUME 19 OF ENVER HOXHA’S WORKS", "Extracts from the Foreword to Volume 19 of Enver Hoxha’s Works"},
		{"(IN ALBANIAN)", "(In Albanian)"},
		{"RADIOGRAM", "Radiogram"},
		{"TO COMRADE HYSNI KAPO IN BUCHAREST", "To Comrade Hysni Kapo in Bucharest"},
		{"STRICTLY PERSONAL", "Strictly Personal"},
		{"ALWAYS FOLLOW A CORRECT LINE", "Always Follow a Correct Line"},
		{"LETTER TO COMRADE HYSNI KAPO IN BUCHAREST", "Letter to Comrade Hysni Kapo in Bucharest"},
		{"FROM THE LETTER TO LIRI BELISHOVA ON THE STAND SHE SHOULD ADOPT IN PEKING TOWARD THE DISAGREEMENTS BETWEEN THE SOVIET UNION AND CHINA",
			"From the Letter to Liri Belishova on the Stand She Should Adopt in Peking toward the Disagreements between the Soviet Union and China"},
		{"WE SHOULD NOT SUBMIT TO ANY PRESSURE", "We Should Not Submit to Any Pressure"},
		{"FROM THE LETTER TO LIRI BELISHOVA ON THE PROCEEDINGS OF THE BUCHAREST MEETING AND THE ATTITUDE SHE SHOULD MAINTAIN IN MOSCOW",
			"From the Letter to Liri Belishova on the Proceedings of the Bucharest Meeting and the Attitude She Should Maintain in Moscow"},
		{"VERBAL NOTE PRESENTED TO THE SOVIET AMBASSADOR TO TIRANA ON THE ANTI-MARXIST STAND OF THE SOVIET AMBASSADOR AND MILITARY ATTACHE TO BELGRADE, CONCERNING THE MEETING IN SREMSKA MITROVICA",
			"Verbal Note Presented to the Soviet Ambassador to Tirana on the Anti-Marxist Stand of the Soviet Ambassador and Military Attache to Belgrade, concerning the Meeting in Sremska Mitrovica"},
		{"AT THE BUCHAREST MEETING WE DID NOT ACCEPT VIOLATION OF THE LENINIST NORMS OF RELATIONS AMONG PARTIES",
			"At the Bucharest Meeting We Did Not Accept Violation of the Leninist Norms of Relations among Parties"},
		{"WE SHALL SPEAK IN MOSCOW AS MARXISM-LENINISM TEACHES US; FOR US THERE IS NO OTHER LANGUAGE",
			"We Shall Speak in Moscow as Marxism-Leninism Teaches Us; for Us There Is No Other Language"},
		{"THE CENTRAL COMMITTEE IS THE LEADERSHIP OF THE PARTY WHICH ALWAYS JUDGES FAIRLY, WISELY, CALMLY AND, WHEN NECESSARY, SEVERELY, TOO",
			"The Central Committee Is the Leadership of the Party Which Always Judges Fairly, Wisely, Calmly and, When Necessary, Severely, Too"},
		{"CONVERSATION WITH KOÇO TASHKO", "Conversation with Koço Tashko"},
		{"LETTER TO THE CC OF THE CPSU CONCERNING THE OPEN INTERFERENCE IN THE INTERNAL AFFAIRS OF THE PLA AND THE ALBANIAN STATE BY SOME FUNCTIONARIES OF THE SOVIET EMBASSY IN TIRANA",
			"Letter to the CC of the CPSU concerning the Open Interference in the Internal Affairs of the PLA and the Albanian State by Some Functionaries of the Soviet Embassy in Tirana"},
		{"LETTER TO ALL THE BASIC ORGANIZATIONS OF THE PARTY ABOUT THE BUCHAREST MEETING AND ABOUT THE DISAGREEMENTS BETWEEN THE COMMUNIST PARTY OF THE SOVIET UNION AND THE COMMUNIST PARTY OF CHINA",
			"Letter to All the Basic Organizations of the Party about the Bucharest Meeting and about the Disagreements between the Communist Party of the Soviet Union and the Communist Party of China"},
		{"REAL UNITY IS ACHIEVED AND STRENGTHENED ONLY ON THE BASIS OF MARXIST-LENINIST PRINCIPLES",
			"Real Unity Is Achieved and Strengthened Only on the Basis of Marxist-Leninist Principles"},
		{"LETTER TO THE CENTRAL COMMITTEE OF THE COMMUNIST PARTY OF THE SOVIET UNION WITH REGARD TO THE PROPOSALS MADE BY THE CENTRAL COMMITTEE OF THE CPSU ABOUT ORGANIZING A MEETING OF REPRESENTATIVES OF THE CPSU AND THE PARTY OF LABOR OF ALBANIA PRIOR TO THE NOVEMBER 1960 MEETING OF THE COMMUNIST AND WORKERS’ PARTIES IN MOSCOW",
			"Letter to the Central Committee of the Communist Party of the Soviet Union with Regard to the Proposals Made by the Central Committee of the CPSU about Organizing a Meeting of Representatives of the CPSU and the Party of Labor of Albania Prior to the November 1960 Meeting of the Communist and Workers’ Parties in Moscow"},
		{"WE SHALL GO TO MOSCOW NOT WITH TEN BANNERS, BUT WITH ONLY ONE, WITH THE BANNER OF MARXISM-LENINISM",
			"We Shall Go to Moscow Not with Ten Banners, but with Only One, with the Banner of Marxism-Leninism"},
		{"THE DEFENSE OF THE MARXIST-LENINIST LINE IS VITAL FOR OUR PARTY AND PEOPLE AND FOR INTERNATIONAL COMMUNISM",
			"The Defense of the Marxist-Leninist Line Is Vital for Our Party and People and for International Communism"},
		{"WE MUST GUARD AGAINST PROVOCATIONS AND DEFEND THE PARTY", "We Must Guard against Provocations and Defend the Party"},
		{"RADIOGRAM TO COMRADE MEHMET SHEHU IN NEW YORK", "Radiogram to Comrade Mehmet Shehu in New York"},
		{"OUR PEOPLE AND PARTY WILL PRESERVE AND DEVELOP FRIENDSHIP WITH THE PEOPLE’S REPUBLIC OF CHINA WITH ALL THEIR STRENGTH",
			"Our People and Party Will Preserve and Develop Friendship with the People’s Republic of China with All Their Strength"},
		{"THE MOSCOW DECLARATION SHOULD BE MADE AS STRONG AS POSSIBLE, WITH GUNPOWDER AND NOT COTTON WOOL",
			"The Moscow Declaration Should Be Made as Strong as Possible, with Gunpowder and Not Cotton Wool"},
		{"EVEN IF WE HAVE TO GO WITHOUT BREAD, WE ALBANIANS DO NOT VIOLATE PRINCIPLES, WE DO NOT BETRAY MARXISM-LENINISM",
			"Even If We Have to Go without Bread, We Albanians Do Not Violate Principles, We Do Not Betray Marxism-Leninism"},
		{"WHETHER ALBANIA IS A SOCIALIST COUNTRY OR NOT DOES NOT DEPEND ON KHRUSHCHEV, BUT IT HAS BEEN DECIDED BY THE ALBANIAN PEOPLE THROUGH THE WARS THEY HAVE FOUGHT AND THE BLOOD THEY HAVE SHED",
			"Whether Albania Is a Socialist Country or Not Does Not Depend on Khrushchev, but It Has Been Decided by the Albanian People through the Wars They Have Fought and the Blood They Have Shed"},
		{"WE SHALL ARDENTLY DEFEND MARXISM-LENINISM AND THE INTERESTS OF THE PEOPLE", "We Shall Ardently Defend Marxism-Leninism and the Interests of the People"},
		{"WE HAVE FOUGHT EMPTY-BELLIED AND BARE FOOTED, BUT HAVE NEVER KOWTOWED TO ANYBODY",
			"We Have Fought Empty-Bellied and Bare Footed, but Have Never Kowtowed to Anybody"},
		{"SPEECH DELIVERED AT THE MEETING OF 81 COMMUNIST AND WORKERS’ PARTIES IN MOSCOW", "Speech Delivered at the Meeting of 81 Communist and Workers’ Parties in Moscow"},
		{"SPEECH AT THE 81 PARTY CONFERENCE", "Speech at the 81 Party Conference"},
		{"FROM THE REPORT AT THE 21st PLENUM OF THE CC OF THE PLA “ON THE MEETING OF THE REPRESENTATIVES OF THE COMMUNIST AND WORKERS’ PARTIES WHICH WAS HELD IN MOSCOW IN NOVEMBER 1960”",
			"From the Report at the 21st Plenum of the CC of the PLA “On the Meeting of the Representatives of the Communist and Workers’ Parties Which Was Held in Moscow in November 1960”"},
		{"II. THE STAND OF THE PARTY OF LABOR OF ALBANIA TOWARD THE DISAGREEMENTS WHICH AROSE IN THE RANKS OF THE COMMUNIST MOVEMENT",
			"II. The Stand of the Party of Labor of Albania toward the Disagreements Which Arose in the Ranks of the Communist Movement"},
		{"III. ON THE ATTITUDE OF THE SOVIET LEADERS TOWARD OUR DELEGATION, AND OUR TALKS WITH THEM",
			"III. On the Attitude of the Soviet Leaders toward Our Delegation, and Our Talks with Them"},
		{"IV. ON THE DEVELOPMENTS AT THE MOSCOW MEETING", "IV. On the Developments at the Moscow Meeting"},
		{"ON THE STAND OF SOME DELEGATIONS TOWARD THE SPEECH OF OUR DELEGATION", "On the Stand of Some Delegations toward the Speech of Our Delegation"},
		{"V. THE TASKS OF THE PARTY IN THE FUTURE", "V. The Tasks of the Party in the Future"},
		{"ON RELATIONS WITH THE COMMUNIST PARTY OF CHINA", "On Relations with the Communist Party of China"},
		{"ON THE DISCUSSION OF THESE QUESTIONS IN THE PARTY AND AT THE CONGRESS", "On the Discussion of These Questions in the Party and at the Congress"},
		{"THE PRINCIPLED AND CONSISTENT STRUGGLE AGAINST IMPERIALISM AND REVISIONISM HAS BEEN AND REMAINS THE ROAD OF OUR PARTY",
			"The Principled and Consistent Struggle against Imperialism and Revisionism Has Been and Remains the Road of Our Party"},
		{"REPORT TO THE 21st PLENUM", "Report to the 21st Plenum"},
		{"CLOSING SPEECH AT THE 21st PLENUM", "Closing Speech at the 21st Plenum"},
	}
	c := sample()
	for _, tt := range tests {
		if got := c.Title(tt.in); got != tt.want {
			t.Errorf("Title(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestTitleOther covers conventions the sample does not use; the acronyms
// are the sample's (US, NATO, CPSU).
func TestTitleOther(t *testing.T) {
	tests := []struct{ in, want string }{
		{"THE DEFEAT OF US IMPERIALISM IN VIET NAM", "The Defeat of US Imperialism in Viet Nam"},
		{"LET US UNITE AGAINST NATO", "Let Us Unite against NATO"},
		{"THE XXII CONGRESS OF THE CPSU AND AFTER", "The XXII Congress of the CPSU and After"},
		{"CHAPTER IV: THE CIVIL WAR", "Chapter IV: The Civil War"},
		{"DID THE MID-CENTURY CIVIL SERVICE FAIL?", "Did the Mid-Century Civil Service Fail?"},
		{"A MIX OF OLD AND NEW—A REVIEW", "A Mix of Old and New—A Review"},
		{"UP-TO-DATE TASKS OF THE WORKERS’ MOVEMENT IN THE 1930S", "Up-to-Date Tasks of the Workers’ Movement in the 1930s"},
		{"WHAT ARE THEY FIGHTING FOR?", "What Are They Fighting For?"},
		{"O’BRIEN AND MCCARTHY ON THE ‘NEW LEFT’", "O’Brien and McCarthy on the ‘New Left’"},
		{"ÇAMËRIA AND THE GREEK CHAUVINISTS", "Çamëria and the Greek Chauvinists"},
		{"NOTES ON THE 20TH CONGRESS OF THE CPSU’S LEADERSHIP", "Notes on the 20th Congress of the CPSU’s Leadership"},
		{"SPEECH BY J.V. STALIN AT THE XIX CONGRESS", "Speech by J.V. Stalin at the XIX Congress"},
		{"Already in Title Case Stays", "Already in Title Case Stays"},
		{"Letter to the CC of the CPSU", "Letter to the CC of the CPSU"},
		{"SPEECH BY LI FU-CHUN AT THE DI VITTORIO MEMORIAL", "Speech by Li Fu-Chun at the Di Vittorio Memorial"},
		// A known limit: LIV is taken for the name Liv, not 54.
		{"PART XII OF VOLUME LIV", "Part XII of Volume Liv"},
		{"", ""},
	}
	c := sample()
	for _, tt := range tests {
		if got := c.Title(tt.in); got != tt.want {
			t.Errorf("Title(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestName covers the sample's speaker labels and signatures.
func TestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"COMRADE ENVER HOXHA", "Comrade Enver Hoxha"},
		{"N.S. KHRUSHCHEV", "N.S. Khrushchev"},
		{"N. S. KHRUSHCHEV", "N. S. Khrushchev"},
		{"A. MIKOYAN", "A. Mikoyan"},
		{"Y. ANDROPOV", "Y. Andropov"},
		{"KOÇO TASHKO", "Koço Tashko"},
		{"POSPYELOV", "Pospyelov"},
		{"COMRADE MEHMET SHEHU AND HYSNI KAPO", "Comrade Mehmet Shehu and Hysni Kapo"},
		{"ENVER HOXHA", "Enver Hoxha"},
		{"COMRADE RAMIZ ALIA", "Comrade Ramiz Alia"},
		{"US", "Us"}, // a label is never the acronym
	}
	c := sample()
	for _, tt := range tests {
		if got := c.Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNewLearnsFromProse(t *testing.T) {
	// Real excerpts: prose with acronyms, speaker labels, a running head.
	body := strings.Join([]string{
		"On June 2, 1960, in a letter to the CC of the PLA, the CC of the CPSU proposed a meeting.",
		"the shooting down of a US U-2 spy plane over the Soviet Union; let us say that he",
		"COMRADE ENVER HOXHA: I stayed only two hours with Thorez.",
		"KOÇO TASHKO: As I said to the Soviet comrades, I hoped",
		"POSPYELOV: With his sharp replies at the Bucharest Meeting,",
		"A. MIKOYAN: It is not so.",
		"and tell them. SPEECH AT THE 81 PARTY CONFERENCE 211 period of the National",
		"This film which, it seems, is called SOS shows how a",
		"the decisions of the 20th Congress. REPORT TO THE 21st PLENUM of the CC",
	}, "\n")
	c := New(body)
	got := c.Acronyms()
	want := []string{"CC", "CPSU", "PLA", "SOS", "US"}
	if !slices.Equal(got, want) {
		t.Errorf("Acronyms() = %v, want %v", got, want)
	}
	if !c.Ambiguous("US") || c.Ambiguous("CPSU") {
		t.Errorf("US should be ambiguous (the body also writes “us”), CPSU not")
	}
	if got := c.Title("THE PLA AND THE CPSU AGAINST US IMPERIALISM"); got != "The PLA and the CPSU against US Imperialism" {
		t.Errorf("Title with learned acronyms = %q", got)
	}
}

func TestNewWithoutAcronyms(t *testing.T) {
	c := New("")
	// Without a body no acronym is known: the caller must pass one.
	if got := c.Title("THE CC OF THE PLA"); got != "The Cc of the Pla" {
		t.Errorf("Title without a body = %q", got)
	}
}

func TestValidRoman(t *testing.T) {
	for w, want := range map[string]bool{
		"I": true, "II": true, "IV": true, "XIX": true, "XXII": true, "MCMLX": true,
		"IIII": false, "VX": false, "LIV": true, "DIV": true, "CIVIL": false, "DID": false, "MID": false, "DIM": false, "IC": false, "": false,
	} {
		if got := validRoman(w); got != want {
			t.Errorf("validRoman(%q) = %v, want %v", w, got, want)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	body := string(assets.Sample())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		New(body)
	}
}

func BenchmarkTitle(b *testing.B) {
	c := sample()
	titles := []string{
		"FROM THE REPORT AT THE 21st PLENUM OF THE CC OF THE PLA “ON THE MEETING OF THE REPRESENTATIVES OF THE COMMUNIST AND WORKERS’ PARTIES WHICH WAS HELD IN MOSCOW IN NOVEMBER 1960”",
		"WE SHALL SPEAK IN MOSCOW AS MARXISM-LENINISM TEACHES US; FOR US THERE IS NO OTHER LANGUAGE",
		"TO COMRADE HYSNI KAPO IN BUCHAREST",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range titles {
			c.Title(s)
		}
	}
}
