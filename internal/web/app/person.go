package app

import "stafett/internal/store"

type PersonRequest struct {
	UserID                 string `json:"user_id"`
	Email                  string `json:"email"`
	Name                   string `json:"name"`
	NationalID             string `json:"national_id"`
	ParentalResponsibility *bool  `json:"parental_responsibility"`
}

func (req PersonRequest) Ref() store.PersonRef {
	return store.PersonRef{UserID: req.UserID, Email: req.Email, Name: req.Name, NationalID: req.NationalID}
}
