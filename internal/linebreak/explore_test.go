package linebreak
import ("testing";"strings";"time")
func TestExplore(t *testing.T){
 var words []string
 for _, p := range paragraphs(t) { words = append(words, strings.Fields(p)...) }
 for len(words) < 2000 { words = append(words, words...) }
 for _,n:=range []int{300,1000,2000}{
 items := build(strings.Join(words[:n], " "), true)
 for _,w:=range []float64{300,150,60}{
  for _,f:=range []func(int)float64{constant(w), func(l int)float64{ if l<3 {return w-20}; return w}}{
   p:=DefaultParams()
   st:=time.Now(); r:=Breaks(items,f,p); el:=time.Since(st)
   ps := &pass{items: items, width: f, p: &p, end: len(items)-1, tol: 200, hyphenate:true}
   ps.run()
   t.Logf("n %d w %v: passes %d lines %d overfull %d time %v nodes(pass2) %d", n,w,r.Passes,len(r.Breaks),len(r.Overfull),el,len(ps.nodes))
 }}}
}
