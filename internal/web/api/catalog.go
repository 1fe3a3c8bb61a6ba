package api

import (
	"net/http"
	"stafett/internal/catalog"
	"stafett/internal/fault"
	"stafett/internal/people"
	"stafett/internal/store"
	"stafett/internal/web/app"
)

// The service overview's JSON API. Listing and reading services needs no sign-in;
// adding, changing and retiring them is for the municipality's administrators only
// (access.CanEditPublished). As for the action guide, others who are signed in get 403
// for a municipality that exists, and anyone gets 404 for one that does not.

// serviceJSON is a service as the public list shows it (API.md), with its keywords.
type serviceJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	TargetGroup string   `json:"target_group"`
	MinAge      int      `json:"min_age"`
	MaxAge      int      `json:"max_age"`
	Levels      []int    `json:"levels"`
	Unit        refJSON  `json:"unit"`
	Contact     string   `json:"contact"`
	HowToAccess string   `json:"how_to_access"`
	Keywords    []string `json:"keywords"`
}

func newServiceJSON(v *store.ServiceView) serviceJSON {
	return serviceJSON{ID: v.ID, Name: v.Name, Description: v.Description, TargetGroup: v.TargetGroup, MinAge: v.MinAge,
		MaxAge: v.MaxAge, Levels: v.Levels, Unit: refJSON{v.UnitID, v.UnitName}, Contact: v.Contact,
		HowToAccess: v.HowToAccess, Keywords: v.Keywords}
}

// serviceRequest is the body of POST .../catalog and PUT .../catalog/{sid}: the
// fields of the public list with unit_id for unit. A service as GET answers it may
// be sent back changed: its id is ignored, and its unit stands for unit_id when
// unit_id is left out.
type serviceRequest struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	TargetGroup string   `json:"target_group"`
	MinAge      *int     `json:"min_age"`
	MaxAge      *int     `json:"max_age"`
	Levels      []int    `json:"levels"`
	UnitID      string   `json:"unit_id"`
	Contact     string   `json:"contact"`
	HowToAccess string   `json:"how_to_access"`
	Keywords    []string `json:"keywords"`
	ID          string   `json:"id"`
	Unit        *refJSON `json:"unit"`
}

// service turns the request into service sid of municipality mid and checks it:
// the ages are required, and the rest is as catalog.Service.Validate says.
func (req *serviceRequest) service(mid, sid string) (catalog.Service, error) {
	svc := catalog.Service{ID: sid, MunicipalityID: mid, Name: req.Name, Description: req.Description,
		TargetGroup: req.TargetGroup, Levels: req.Levels, UnitID: req.UnitID, Contact: req.Contact,
		HowToAccess: req.HowToAccess, Keywords: req.Keywords}
	if svc.UnitID == "" && req.Unit != nil {
		svc.UnitID = req.Unit.ID
	}
	var f fault.Fields
	if req.MinAge == nil {
		f.Add("min_age", fault.FieldRequired)
	} else {
		svc.MinAge = *req.MinAge
	}
	if req.MaxAge == nil {
		f.Add("max_age", fault.FieldRequired)
	} else {
		svc.MaxAge = *req.MaxAge
	}
	return svc, app.MergeFields(f, svc.Validate())
}

// HandleCatalogList lists the services the municipality offers, to anyone, with the
// filters ?age=&level=&q=&unit=.
func (s *Server) HandleCatalogList(w http.ResponseWriter, r *http.Request) error {
	m, err := s.DB.GetMunicipality(r.Context(), r.PathValue("mid"))
	if err != nil {
		return err
	}
	f, err := catalog.ParseFilter(r.URL.Query().Get)
	if err != nil {
		return err
	}
	list, err := s.DB.ListServices(r.Context(), m.ID, f)
	if err != nil {
		return err
	}
	out := make([]serviceJSON, 0, len(list))
	for i := range list {
		out = append(out, newServiceJSON(&list[i]))
	}
	app.WriteJSON(w, http.StatusOK, map[string]any{"services": out})
	return nil
}

// HandleServiceShow returns one service the municipality offers, to anyone; a
// retired service is not found.
func (s *Server) HandleServiceShow(w http.ResponseWriter, r *http.Request) error {
	v, err := s.DB.GetService(r.Context(), r.PathValue("mid"), r.PathValue("sid"))
	if err != nil {
		return err
	}
	if v.Retired {
		return fault.New(fault.NotFound, "service not found")
	}
	app.WriteJSON(w, http.StatusOK, newServiceJSON(v))
	return nil
}

// HandleServiceCreate adds a service to the overview.
func (s *Server) HandleServiceCreate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	var req serviceRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	svc, err := req.service(m.ID, "")
	if err != nil {
		return err
	}
	if err := s.DB.CreateService(r.Context(), p, &svc); err != nil {
		return err
	}
	v, err := s.DB.GetService(r.Context(), m.ID, svc.ID)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusCreated, newServiceJSON(v))
	return nil
}

// HandleServiceUpdate replaces a service with the one in the body.
func (s *Server) HandleServiceUpdate(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	sid := r.PathValue("sid")
	if _, err := s.LiveService(r, m.ID, sid); err != nil {
		return err
	}
	var req serviceRequest
	if err := app.DecodeJSON(r, &req); err != nil {
		return err
	}
	svc, err := req.service(m.ID, sid)
	if err != nil {
		return err
	}
	v, err := s.DB.UpdateService(r.Context(), p, &svc)
	if err != nil {
		return err
	}
	app.WriteJSON(w, http.StatusOK, newServiceJSON(v))
	return nil
}

// HandleServiceRetire takes a service out of the overview; measures that name it
// keep it.
func (s *Server) HandleServiceRetire(w http.ResponseWriter, r *http.Request, p *people.Principal) error {
	m, err := s.PublishedMunicipality(r, p)
	if err != nil {
		return err
	}
	if err := s.DB.RetireService(r.Context(), p, m.ID, r.PathValue("sid")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
