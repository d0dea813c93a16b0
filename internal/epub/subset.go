package epub

// subsetFamily is the family name of the subset fonts: a modified font may
// not bear the Reserved Font Names ("Gentium", "SIL") of the original.
const subsetFamily = "Folio Book Text"
